using Bunit;
using Recommender.Contracts;
using Recommender.Dashboard.Components.Pages;

namespace Recommender.Tests.Dashboard.Components;

public sealed class OverviewTests : DashboardComponentTest
{
    private static readonly string[] Views = ["freshness", "last-run", "run-strip", "overlap-trend", "bad-rows", "movers"];

    private static DateOnly Yesterday => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    [Fact]
    public void Every_card_shows_a_skeleton_until_the_api_answers()
    {
        Api.WithPublishedDays(advertisers: 3, days: 3).WithRun(RunStatuses.Succeeded, Yesterday);
        Api.Hold();

        var page = RenderPage<Overview>();

        foreach (var view in Views)
        {
            Assert.NotNull(page.Find($"[data-view='{view}'][data-state='loading']"));
        }

        Api.Release();
        foreach (var view in Views)
        {
            WaitForState(page, view, "ready");
        }
    }

    [Fact]
    public void Shows_freshness_last_run_strip_trend_movers_and_bad_rows()
    {
        Api.WithPublishedDays(advertisers: 3, days: 3).WithRun(RunStatuses.Failed, Yesterday.AddDays(-3)).WithRun(RunStatuses.Succeeded, Yesterday);

        var page = RenderPage<Overview>();

        WaitForState(page, "movers", "ready");
        Assert.Equal(Yesterday.ToString("yyyy-MM-dd"), page.Find("#latest-date").TextContent);
        Assert.Contains("1 day ago · 3 active advertisers", page.Find("#latest-age").TextContent);
        Assert.Empty(page.FindAll("#yesterday-missing"));
        Assert.Contains("succeeded", page.Find("#last-run").TextContent);
        Assert.Equal(14, page.FindAll("#run-strip a").Count);
        Assert.Single(page.FindAll("#run-strip [data-status='failed']"));
        Assert.NotNull(page.Find("[data-view='overlap-trend'] [data-chart='trend'] svg"));
        Assert.Equal(3, page.FindAll("#bad-rows tbody tr").Count);
        Assert.NotEmpty(page.FindAll("[data-movers='top_ctr'] tbody tr"));
        Assert.NotEmpty(page.FindAll("[data-movers='top_product'] tbody tr"));
    }

    [Fact]
    public void Warns_when_yesterday_is_not_published()
    {
        Api.WithPublishedDays(advertisers: 2, days: 2, latest: Yesterday.AddDays(-2));

        var page = RenderPage<Overview>();

        WaitForState(page, "freshness", "ready");
        Assert.Contains("3 days ago", page.Find("#latest-age").TextContent);
        Assert.Contains($"Yesterday ({Yesterday:yyyy-MM-dd}) is not published.", page.Find("#yesterday-missing").TextContent);
    }

    [Fact]
    public void Before_the_first_publish_says_to_run_the_pipeline()
    {
        var page = RenderPage<Overview>();

        WaitForState(page, "freshness", "empty");
        WaitForState(page, "movers", "empty");
        WaitForState(page, "last-run", "empty");
        Assert.Contains("Nothing published yet — run the pipeline.", page.Find("[data-view='freshness']").TextContent);
        Assert.Empty(page.FindAll("[data-error]"));
    }

    [Fact]
    public void Api_down_shows_an_error_with_retry_on_every_card()
    {
        Api.WithPublishedDays(advertisers: 2, days: 2);
        Api.Failure = new HttpRequestException("Connection refused");

        var page = RenderPage<Overview>();

        foreach (var view in Views)
        {
            WaitForState(page, view, "failed");
        }

        Assert.Equal(Views.Length, page.FindAll("[data-retry]").Count);
        Assert.DoesNotContain("Connection refused", page.Markup);
        Api.Failure = null;
        page.Find("[data-view='freshness'] [data-retry]").Click();
        WaitForState(page, "freshness", "ready");
    }
}
