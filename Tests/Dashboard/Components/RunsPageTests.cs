using System.Net;
using Bunit;
using Recommender.Contracts;
using Recommender.Dashboard.Components.Pages;

namespace Recommender.Tests.Dashboard.Components;

public sealed class RunsPageTests : DashboardComponentTest
{
    private static readonly DateOnly Yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    [Fact]
    public void Shows_skeletons_while_the_grid_loads()
    {
        Api.Hold();

        var page = RenderPage<Runs>();

        Assert.NotNull(page.Find("[data-view='run-grid'][data-state='loading']"));
        Api.Release();
        WaitForState(page, "run-grid", "empty");
    }

    [Fact]
    public void Without_runs_says_to_run_the_pipeline()
    {
        var page = RenderPage<Runs>();

        WaitForState(page, "run-grid", "empty");
        Assert.Contains("run the pipeline", page.Find("[data-view='run-grid']").TextContent);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-view='run-list'][data-state='empty']")));
    }

    [Fact]
    public void Grid_cells_open_the_latest_run_of_each_date_and_the_list_shows_every_run()
    {
        Api.WithRun(RunStatuses.Succeeded, Yesterday.AddDays(-1)).WithRun(RunStatuses.Failed, Yesterday);

        var page = RenderPage<Runs>();

        WaitForState(page, "run-grid", "ready");
        var failed = page.Find($"[data-cell='{Yesterday:yyyy-MM-dd}/filter']");
        Assert.Equal("runs/2", failed.GetAttribute("href"));
        Assert.Equal(StepStatuses.Failed, failed.GetAttribute("data-status"));
        Assert.Equal("runs/1", page.Find($"[data-cell='{Yesterday.AddDays(-1):yyyy-MM-dd}/publish']").GetAttribute("href"));
        Assert.Null(page.Find($"[data-cell='{Yesterday.AddDays(-5):yyyy-MM-dd}/filter']").GetAttribute("href"));
        Assert.Equal(StepNames.All.Count, page.FindAll("[data-step-durations] tbody tr").Count);
        page.WaitForAssertion(() => Assert.Equal(["2", "1"], page.FindAll("[data-run-link]").Select(a => a.GetAttribute("data-run-link")!)));
    }

    [Fact]
    public void Filters_in_the_query_string_reach_the_run_list()
    {
        Api.WithRun(RunStatuses.Succeeded, Yesterday.AddDays(-2))
            .WithRun(RunStatuses.Failed, Yesterday.AddDays(-1))
            .WithRun(RunStatuses.Succeeded, Yesterday, RunTriggers.Manual);
        NavigateTo("/runs?status=succeeded&trigger=manual");

        var page = RenderPage<Runs>();

        page.WaitForAssertion(() => Assert.Equal(["3"], page.FindAll("[data-run-link]").Select(a => a.GetAttribute("data-run-link")!)));
    }

    [Fact]
    public async Task An_api_failure_shows_an_error_with_retry_and_no_exception_text()
    {
        Api.WithRun(RunStatuses.Succeeded, Yesterday);
        Api.Failure = await FakeRecsApi.ProblemAsync(HttpStatusCode.ServiceUnavailable, "Database unavailable", "Npgsql.NpgsqlException: connection refused");

        var page = RenderPage<Runs>();

        WaitForState(page, "run-grid", "failed");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-view='run-list'][data-state='failed']")));
        Assert.DoesNotContain("Npgsql", page.Markup);
        Api.Failure = null;
        page.Find("[data-view='run-grid'] [data-retry]").Click();
        WaitForState(page, "run-grid", "ready");
    }

    [Fact]
    public void Signed_out_users_get_no_admin_controls()
    {
        Api.WithRun(RunStatuses.Failed, Yesterday);

        var page = RenderPage<Runs>();

        WaitForState(page, "run-grid", "ready");
        Assert.Empty(page.FindAll("[data-admin-controls]"));
        Assert.Empty(page.FindAll("#run-date, #backfill"));
    }

    [Fact]
    public void A_signed_in_admin_gets_run_and_backfill_controls()
    {
        SignInAsAdmin();

        var page = RenderPage<Runs>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#run-date")));
        Assert.NotNull(page.Find("#backfill"));
    }
}
