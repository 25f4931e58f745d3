using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Recommender.Dashboard.Components.Pages;

namespace Recommender.Tests.Dashboard.Components;

public sealed class AdvertisersTests : DashboardComponentTest
{
    [Fact]
    public void Shows_a_skeleton_until_the_first_page_arrives()
    {
        Api.WithPublishedDays(advertisers: 30, days: 2);
        Api.Hold();

        var page = RenderPage<Advertisers>();

        Assert.NotEmpty(page.FindAll("[data-skeleton]"));
        Api.Release();
        WaitForState(page, "advertisers", "ready");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-skeleton]")));
        Assert.NotEmpty(page.FindAll("#advertisers-grid tbody tr"));
    }

    [Fact]
    public void Shows_one_server_page_with_the_total_and_opens_a_row()
    {
        Api.WithPublishedDays(advertisers: 60, days: 2);

        var page = RenderPage<Advertisers>();

        WaitForState(page, "advertisers", "ready");
        var rows = page.FindAll("#advertisers-grid tbody tr");
        Assert.Equal(25, rows.Count);
        Assert.Contains("adv-0000", rows[0].TextContent);
        Assert.Contains("of 60", page.Find(".mud-table-pagination").TextContent);

        rows[1].Click();
        Assert.EndsWith("/advertisers/adv-0001", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void Reads_search_page_and_sort_from_the_address()
    {
        Api.WithPublishedDays(advertisers: 150, days: 2);
        NavigateTo("/advertisers?q=ADV-01&page=2&page_size=10&sort=-advertiser_id");

        var page = RenderPage<Advertisers>();

        WaitForState(page, "advertisers", "ready");
        var rows = page.FindAll("#advertisers-grid tbody tr");
        Assert.Equal(10, rows.Count);
        // adv-0100..adv-0149 match; descending, the second page of 10 starts at adv-0139.
        Assert.Contains("adv-0139", rows[0].TextContent);
    }

    [Theory]
    [InlineData("/advertisers", "Advertiser", "mud-direction-asc")]
    [InlineData("/advertisers?sort=-views", "Views", "mud-direction-desc")]
    public void Shows_the_order_it_loaded_as_the_arrow_of_its_column(string address, string column, string direction)
    {
        Api.WithPublishedDays(advertisers: 30, days: 1);
        NavigateTo(address);

        var page = RenderPage<Advertisers>();

        WaitForState(page, "advertisers", "ready");
        var arrows = page.FindAll("#advertisers-grid thead th")
            .Where(th => th.QuerySelector(".sort-direction-icon.mud-direction-asc, .sort-direction-icon.mud-direction-desc") is not null)
            .ToList();
        var sorted = Assert.Single(arrows);
        Assert.Contains(column, sorted.TextContent);
        Assert.NotNull(sorted.QuerySelector($".sort-direction-icon.{direction}"));
    }

    [Fact]
    public void Says_nothing_is_published_before_the_first_run()
    {
        var page = RenderPage<Advertisers>();

        WaitForState(page, "advertisers", "empty");
        Assert.Contains("Nothing published yet — run the pipeline.", page.Markup);
    }

    [Fact]
    public void Api_down_shows_an_error_and_retry_loads_the_grid()
    {
        Api.WithPublishedDays(advertisers: 5, days: 1);
        Api.Failure = new HttpRequestException("Connection refused");

        var page = RenderPage<Advertisers>();

        WaitForState(page, "advertisers", "failed");
        Assert.Contains("RecsApi is not reachable", page.Find("[data-error]").TextContent);
        Api.Failure = null;
        page.Find("[data-retry]").Click();
        WaitForState(page, "advertisers", "ready");
        Assert.Empty(page.FindAll("[data-error]"));
        Assert.Equal(5, page.FindAll("#advertisers-grid tbody tr").Count);
    }
}
