using System.Net;
using Npgsql;
using Recommender.Contracts;
using Recommender.Tests.Api.Fixtures;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

[Collection(SharedRecsDatabase.Name)]
public sealed class StatsApiTests(StackFixture stack) : StandardDataTest(stack)
{
    [Fact]
    public async Task Stats_count_active_advertisers_and_those_with_recommendations_of_the_latest_date()
    {
        var stats = await Api.GetStatsAsync(cancellationToken: Cancel);

        Assert.Equal(Data.D0, stats.Date);
        Assert.Equal(Data.D1, stats.PreviousDate);
        Assert.Equal(await CountAsync("SELECT count(*) FROM daily_advertisers WHERE date = $1", Data.D0), stats.ActiveAdvertisers);
        Assert.Equal(
            await CountAsync("SELECT count(*) FROM (SELECT advertiser_id FROM top_ctr WHERE date = $1 UNION SELECT advertiser_id FROM top_product WHERE date = $1) a", Data.D0),
            stats.AdvertisersWithRecommendations);
    }

    [Fact]
    public async Task Overlap_gives_shared_products_and_percent_of_the_longer_list()
    {
        var overlap = await AllOverlapAsync(null);

        var alpha = Assert.Single(overlap, o => o.AdvertiserId == Data.Alpha);
        Assert.Equal(new AdvertiserOverlap(Data.Alpha, Data.D0, 6, 4, 3, 50.0), alpha);
        var echo = Assert.Single(overlap, o => o.AdvertiserId == Data.Echo);
        Assert.Equal(new AdvertiserOverlap(Data.Echo, Data.D0, 2, 1, 0, 0.0), echo);
        Assert.DoesNotContain(overlap, o => o.AdvertiserId == Data.Bravo); // active, but no recommendations
    }

    [Fact]
    public async Task Overlap_of_an_earlier_date_is_that_dates()
    {
        var overlap = await AllOverlapAsync(Data.D2.ToString("yyyy-MM-dd"));

        var alpha = Assert.Single(overlap, o => o.AdvertiserId == Data.Alpha);
        Assert.Equal(new AdvertiserOverlap(Data.Alpha, Data.D2, 5, 5, 3, 60.0), alpha);
    }

    [Fact]
    public async Task Overlap_is_paged_in_advertiser_order()
    {
        var first = await Api.GetStatsAsync(page: 1, pageSize: 1, cancellationToken: Cancel);
        var second = await Api.GetStatsAsync(page: 2, pageSize: 1, cancellationToken: Cancel);

        Assert.Equal(1, first.Overlap.PageNumber);
        Assert.Equal(1, first.Overlap.PageSize);
        Assert.True(first.Overlap.TotalItems >= 2);
        Assert.Equal(first.Overlap.TotalItems, first.Overlap.TotalPages);
        Assert.True(string.CompareOrdinal(first.Overlap.Items[0].AdvertiserId, second.Overlap.Items[0].AdvertiserId) < 0);
    }

    [Fact]
    public async Task Page_beyond_the_end_is_empty()
    {
        var stats = await Api.GetStatsAsync(page: 999_999, pageSize: 10, cancellationToken: Cancel);

        Assert.Empty(stats.Overlap.Items);
        Assert.True(stats.Overlap.TotalItems > 0);
    }

    [Fact]
    public async Task Biggest_changes_are_largest_first_and_agree_with_the_published_lists()
    {
        var changes = (await Api.GetStatsAsync(cancellationToken: Cancel)).BiggestChanges;

        foreach (var (list, model) in new[] { (changes.TopCtr, ModelNames.TopCtr), (changes.TopProduct, ModelNames.TopProduct) })
        {
            Assert.Equal(list.OrderByDescending(c => c.ChangePercent), list);
            Assert.All(list, c => Assert.Equal(
                Math.Round(100.0 * (c.ProductsEntered + c.ProductsLeft) / (c.ProductsEntered + c.ProductsLeft + c.SharedProducts), 2), c.ChangePercent));
            Assert.All(list, c => Assert.Equal(Data.D1, c.PreviousDate));

            var expected = model == ModelNames.TopCtr
                ? new[] { new RecommendationChange(Data.Echo, Data.D0, Data.D1, 2, 2, 0, 100.0), new RecommendationChange(Data.Alpha, Data.D0, Data.D1, 3, 1, 3, 57.14) }
                : [new RecommendationChange(Data.Alpha, Data.D0, Data.D1, 3, 1, 1, 80.0), new RecommendationChange(Data.Echo, Data.D0, Data.D1, 0, 0, 1, 0.0)];
            foreach (var mine in expected)
            {
                // Other advertisers (the pipeline's sample data) may push ours out of a full list.
                var listed = list.SingleOrDefault(c => c.AdvertiserId == mine.AdvertiserId);
                if (listed is not null || list.Count < 10)
                {
                    Assert.Equal(mine, listed);
                }
            }

            Assert.DoesNotContain(list, c => c.AdvertiserId == Data.Bravo || c.AdvertiserId == Data.Charlie);
        }
    }

    [Fact]
    public async Task Overlap_histogram_has_ten_buckets_that_count_every_advertiser_with_recommendations()
    {
        var stats = await Api.GetStatsAsync(cancellationToken: Cancel);
        var overlap = await AllOverlapAsync(null);

        Assert.NotNull(stats.OverlapHistogram);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (10.0 * i, 10.0 * (i + 1))), stats.OverlapHistogram.Select(b => (b.FromPercent, b.ToPercent)));
        Assert.Equal(overlap.Count, stats.OverlapHistogram.Sum(b => b.Advertisers));
        Assert.Equal(overlap.Count(o => o.SharedPercent >= 90), stats.OverlapHistogram[^1].Advertisers); // 100 % included
        Assert.Equal(overlap.Count(o => o.SharedPercent is >= 50 and < 60), stats.OverlapHistogram[5].Advertisers);
        Assert.True(stats.OverlapHistogram[5].Advertisers >= 1); // ALPHA, 50 %
        Assert.True(stats.OverlapHistogram[0].Advertisers >= 1); // ECHO, 0 %
    }

    [Fact]
    public async Task Coverage_splits_the_active_advertisers_into_full_short_and_empty_lists_per_model()
    {
        var stats = await Api.GetStatsAsync(cancellationToken: Cancel);

        Assert.NotNull(stats.Coverage);
        foreach (var (coverage, table) in new[] { (stats.Coverage.TopCtr, "top_ctr"), (stats.Coverage.TopProduct, "top_product") })
        {
            Assert.Equal(stats.ActiveAdvertisers, coverage.Full + coverage.Short + coverage.Empty);
            Assert.Equal(await CountAsync($"SELECT count(*) FROM (SELECT advertiser_id FROM {table} WHERE date = $1 GROUP BY advertiser_id HAVING count(*) >= 20) a", Data.D0), coverage.Full);
            Assert.Equal(await CountAsync($"SELECT count(*) FROM (SELECT advertiser_id FROM {table} WHERE date = $1 GROUP BY advertiser_id HAVING count(*) < 20) a", Data.D0), coverage.Short);
            Assert.Equal(
                await CountAsync($"SELECT count(*) FROM daily_advertisers a WHERE a.date = $1 AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.date = a.date AND t.advertiser_id = a.advertiser_id)", Data.D0),
                coverage.Empty);
        }
    }

    [Fact]
    public async Task Original_path_with_a_trailing_slash_answers_the_same()
    {
        var current = await Api.GetStatsAsync(cancellationToken: Cancel);
        var legacy = await Api.GetStatsLegacyAsync(Cancel);

        Assert.Equal(current.Date, legacy.Date);
        Assert.Equal(current.ActiveAdvertisers, legacy.ActiveAdvertisers);
        Assert.Equal(current.Overlap.Items, legacy.Overlap.Items);
    }

    [Fact]
    public async Task Date_that_is_not_published_is_404()
    {
        var problem = await ProblemAsync(HttpStatusCode.NotFound, () => Api.GetStatsAsync("2001-01-01", cancellationToken: Cancel));

        Assert.Contains("2001-01-01", problem.Detail);
    }

    [Theory]
    [InlineData("2024-02-30", null, null, "date")]
    [InlineData(null, 0, null, "page")]
    [InlineData(null, null, 0, "page_size")]
    [InlineData(null, null, 100_000_000, "page_size")]
    public async Task Bad_parameters_are_400_naming_them(string? date, int? page, int? pageSize, string parameter)
    {
        var problem = await ProblemAsync(HttpStatusCode.BadRequest, () => Api.GetStatsAsync(date, page, pageSize, Cancel));

        Assert.Equal(parameter, problem.Parameter);
    }

    private async Task<List<AdvertiserOverlap>> AllOverlapAsync(string? date)
    {
        var all = new List<AdvertiserOverlap>();
        for (var page = 1; ; page++)
        {
            var stats = await Api.GetStatsAsync(date, page, 500, Cancel);
            all.AddRange(stats.Overlap.Items);
            if (page >= stats.Overlap.TotalPages)
            {
                return all;
            }
        }
    }

    private async Task<int> CountAsync(string sql, DateOnly date)
    {
        await using var command = Fixture.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = date });
        return (int)(long)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
