using Bunit;
using Recommender.Dashboard.Components.Pages;

namespace Recommender.Tests.Dashboard.Components;

public sealed class StatisticsTests : DashboardComponentTest
{
    [Fact]
    public void Shows_skeletons_while_loading()
    {
        Api.WithPublishedDays(advertisers: 4, days: 3);
        Api.Hold();

        var page = RenderPage<Statistics>();

        Assert.NotNull(page.Find("[data-view='statistics'][data-state='loading'] [data-skeleton='chart']"));
        Assert.NotNull(page.Find("[data-view='trend'][data-state='loading']"));
        Api.Release();
        WaitForState(page, "statistics", "ready");
        WaitForState(page, "trend", "ready");
    }

    [Fact]
    public void Shows_histogram_coverage_volatility_and_trend_as_charts_with_tables()
    {
        Api.WithPublishedDays(advertisers: 4, days: 3, products: 10);

        var page = RenderPage<Statistics>();

        WaitForState(page, "statistics", "ready");
        WaitForState(page, "trend", "ready");
        Assert.Equal(10, page.FindAll("#histogram tbody tr").Count);
        Assert.Equal(4, page.FindAll("#histogram tbody tr").Sum(r => int.Parse(r.Children[1].TextContent)));
        Assert.Contains("4", page.Find("#coverage tbody tr").Children[2].TextContent);
        Assert.NotEmpty(page.FindAll("[data-movers='top_ctr'] tbody tr"));
        Assert.Equal(3, page.FindAll("#trend tbody tr").Count);
        Assert.NotNull(page.Find("[data-chart='trend'] svg"));
    }

    [Fact]
    public void Reads_the_date_from_the_address()
    {
        Api.WithPublishedDays(advertisers: 2, days: 3);
        var oldest = Api.Days[^1].Date.ToString("yyyy-MM-dd");

        NavigateTo($"/statistics?date={oldest}");
        var page = RenderPage<Statistics>();

        WaitForState(page, "statistics", "ready");
        Assert.StartsWith(oldest, page.Find("#stats-date").TextContent.Trim());
        Assert.Contains("volatility shows once there is a previous date", page.Markup);
    }

    [Fact]
    public void Says_nothing_is_published_before_the_first_run()
    {
        var page = RenderPage<Statistics>();

        WaitForState(page, "statistics", "empty");
        WaitForState(page, "trend", "empty");
        Assert.Contains("Nothing published yet — run the pipeline.", page.Markup);
    }

    [Fact]
    public void Api_down_shows_errors_with_retry()
    {
        Api.WithPublishedDays(advertisers: 2, days: 2);
        Api.Failure = new TaskCanceledException("timeout");

        var page = RenderPage<Statistics>();

        WaitForState(page, "statistics", "failed");
        WaitForState(page, "trend", "failed");
        Assert.Equal(2, page.FindAll("[data-retry]").Count);
    }
}
