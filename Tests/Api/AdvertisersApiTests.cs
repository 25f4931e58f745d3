using System.Net;
using Recommender.Contracts;
using Recommender.Tests.Api.Fixtures;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

[Collection(SharedRecsDatabase.Name)]
public sealed class AdvertisersApiTests(StackFixture stack) : StandardDataTest(stack)
{
    [Fact]
    public async Task Advertisers_have_their_latest_date_and_its_counts()
    {
        var page = await Api.GetAdvertisersAsync(Fixture.Prefix, cancellationToken: Cancel);

        Assert.Equal([Data.Alpha, Data.Bravo, Data.Charlie, Data.Echo], page.Items.Select(a => a.AdvertiserId));
        Assert.Equal(new AdvertiserSummary(Data.Alpha, Data.D0, 3, 6, 4, 5000, 50, 7000), page.Items[0]);
        Assert.Equal(new AdvertiserSummary(Data.Bravo, Data.D0, 1, 0, 0, 5000, 50, 7000), page.Items[1]);
        Assert.Equal(new AdvertiserSummary(Data.Charlie, Data.D1, 1, 1, 1, 5000, 50, 7000), page.Items[2]);
        Assert.Equal(4, page.TotalItems);
    }

    [Theory]
    [InlineData(null, "ALPHA BRAVO CHARLIE ECHO")]
    [InlineData("-advertiser_id", "ECHO CHARLIE BRAVO ALPHA")]
    [InlineData("latest_date", "CHARLIE ALPHA BRAVO ECHO")]
    [InlineData("-dates_active", "ALPHA ECHO BRAVO CHARLIE")]
    [InlineData("-top_ctr_products", "ALPHA ECHO CHARLIE BRAVO")]
    [InlineData("top_product_products", "BRAVO CHARLIE ECHO ALPHA")]
    [InlineData("-clicks", "ALPHA BRAVO CHARLIE ECHO")] // all equal: ties by id
    public async Task Advertisers_sort_by_a_field_either_way_with_ties_by_id(string? sort, string expected)
    {
        var page = await Api.GetAdvertisersAsync(Fixture.Prefix, cancellationToken: Cancel, sort: sort);

        Assert.Equal(expected.Split(' ').Select(Fixture.Id), page.Items.Select(a => a.AdvertiserId));
    }

    [Fact]
    public async Task Sorted_pages_follow_one_another()
    {
        var first = await Api.GetAdvertisersAsync(Fixture.Prefix, 1, 2, Cancel, "-top_ctr_products");
        var second = await Api.GetAdvertisersAsync(Fixture.Prefix, 2, 2, Cancel, "-top_ctr_products");

        Assert.Equal([Data.Alpha, Data.Echo, Data.Charlie, Data.Bravo], first.Items.Concat(second.Items).Select(a => a.AdvertiserId));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("--clicks")]
    [InlineData("Clicks")]
    [InlineData("")]
    public async Task Unknown_sort_is_400_listing_the_fields(string sort)
    {
        var problem = await ProblemAsync(HttpStatusCode.BadRequest, () => Api.GetAdvertisersAsync(Fixture.Prefix, cancellationToken: Cancel, sort: sort));

        Assert.Equal("sort", problem.Parameter);
        Assert.Contains(string.Join(", ", AdvertiserSorts.Fields), problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prefix_search_ignores_case()
    {
        var page = await Api.GetAdvertisersAsync(Data.Alpha.ToLowerInvariant()[..^2], cancellationToken: Cancel);

        Assert.Equal([Data.Alpha], page.Items.Select(a => a.AdvertiserId));
    }

    [Fact]
    public async Task Prefix_matching_nothing_is_an_empty_page()
    {
        var page = await Api.GetAdvertisersAsync(Data.Nobody, cancellationToken: Cancel);

        Assert.Empty(page.Items);
        Assert.Equal(0, page.TotalItems);
        Assert.Equal(0, page.TotalPages);
    }

    [Fact]
    public async Task Advertisers_are_paged()
    {
        var first = await Api.GetAdvertisersAsync(Fixture.Prefix, 1, 3, Cancel);
        var second = await Api.GetAdvertisersAsync(Fixture.Prefix, 2, 3, Cancel);

        Assert.Equal([Data.Alpha, Data.Bravo, Data.Charlie], first.Items.Select(a => a.AdvertiserId));
        Assert.Equal([Data.Echo], second.Items.Select(a => a.AdvertiserId));
        Assert.Equal(2, first.TotalPages);
    }

    [Fact]
    public async Task Every_advertiser_of_the_database_is_listed()
    {
        var page = await Api.GetAdvertisersAsync(pageSize: 1, cancellationToken: Cancel);

        await using var count = Fixture.DataSource.CreateCommand("SELECT count(DISTINCT advertiser_id) FROM daily_advertisers");
        Assert.Equal((long)(await count.ExecuteScalarAsync(Cancel))!, page.TotalItems);
    }

    [Fact]
    public async Task Huge_page_size_is_400_naming_it()
    {
        var problem = await ProblemAsync(HttpStatusCode.BadRequest, () => Api.GetAdvertisersAsync(pageSize: 1_000_000, cancellationToken: Cancel));

        Assert.Equal("page_size", problem.Parameter);
    }
}
