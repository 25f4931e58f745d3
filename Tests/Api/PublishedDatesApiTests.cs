using Recommender.Contracts;
using Recommender.Tests.Api.Fixtures;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

/// <summary>/dates and /stats/trend: every retained published date, and its headline statistics over time.</summary>
[Collection(SharedRecsDatabase.Name)]
public sealed class PublishedDatesApiTests(StackFixture stack) : StandardDataTest(stack)
{
    [Fact]
    public async Task Dates_are_every_published_date_newest_first_with_their_advertiser_counts()
    {
        var dates = await Api.GetPublishedDatesAsync(Cancel);

        Assert.Equal(dates.Select(d => d.Date).OrderDescending(), dates.Select(d => d.Date));
        Assert.Equal(Data.D0, dates[0].Date);
        Assert.Contains(dates, d => d.Date == Data.D2);
        var stats = await Api.GetStatsAsync(cancellationToken: Cancel);
        Assert.Equal(stats.ActiveAdvertisers, dates[0].ActiveAdvertisers);
        Assert.NotNull(stats.Coverage);
        Assert.Equal(stats.ActiveAdvertisers - stats.Coverage.TopCtr.Empty, dates[0].TopCtrAdvertisers);
        Assert.Equal(stats.ActiveAdvertisers - stats.Coverage.TopProduct.Empty, dates[0].TopProductAdvertisers);
    }

    [Fact]
    public async Task A_date_shows_the_rows_its_run_read_and_the_malformed_share()
    {
        var date = new DateOnly(2002, 4, 1);
        await using var ledger = new LedgerRuns(Fixture.DataSource);
        var runId = await ledger.SucceedAsync(date);
        await ledger.AddDataQualityAsync(runId, """{"rows_read": 2000, "bad_rows": 50}""");

        await Fixture.PublishAsync(date, [new FixtureAdvertiser(Fixture.Id("OLD"), ["p1"], [])], Cancel, runId: runId);
        PublishedDate? published = null;
        await EventuallyAsync(async () =>
        {
            published = (await Api.GetPublishedDatesAsync(Cancel)).SingleOrDefault(d => d.Date == date);
            return published is not null;
        }, "the date to be listed");

        Assert.Equal(new PublishedDate(date, published!.PublishedAt, runId, 1, 1, 0, 2000, 0.025), published);
    }

    [Fact]
    public async Task A_date_published_without_a_run_record_has_no_row_counts()
    {
        var dates = await Api.GetPublishedDatesAsync(Cancel);

        Assert.All(dates.Where(d => d.RunId is null), d => Assert.Equal((null, null), (d.RowsRead, d.BadRowShare)));
    }

    [Fact]
    public async Task Trend_has_every_published_date_oldest_first_agreeing_with_each_dates_stats()
    {
        var trend = await Api.GetStatsTrendAsync(Cancel);
        var dates = await Api.GetPublishedDatesAsync(Cancel);

        Assert.Equal(dates.Select(d => d.Date).Reverse(), trend.Days.Select(d => d.Date));
        Assert.Null(trend.Days[0].AverageTopCtrChangePercent); // nothing before the first retained date
        Assert.Null(trend.Days[0].AverageTopProductChangePercent);
        foreach (var day in trend.Days.Where(d => d.Date >= Data.D2))
        {
            var stats = await Api.GetStatsAsync(day.Date.ToString("yyyy-MM-dd"), cancellationToken: Cancel);
            var date = dates.Single(d => d.Date == day.Date);
            Assert.Equal(stats.ActiveAdvertisers, day.ActiveAdvertisers);
            Assert.Equal(stats.AdvertisersWithRecommendations, day.AdvertisersWithRecommendations);
            Assert.Equal(stats.AverageOverlapPercent, day.AverageOverlapPercent);
            Assert.Equal(stats.Coverage!.TopCtr.Short, day.TopCtrShortLists);
            Assert.Equal(stats.Coverage.TopProduct.Short, day.TopProductShortLists);
            Assert.Equal((date.RowsRead, date.BadRowShare), (day.RowsRead, day.BadRowShare));
            Assert.NotNull(day.AverageTopCtrChangePercent); // D2 has the sample days before it
        }
    }
}
