using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Recommender.Contracts;
using Recommender.Dashboard.Components.Pages;

namespace Recommender.Tests.Dashboard.Components;

public sealed class RunPageTests : DashboardComponentTest
{
    private static readonly DateOnly Yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    public RunPageTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    private IRenderedComponent<Run> RenderRun(long id) => RenderPage<Run>(p => p.Add(r => r.Id, id));

    private void WithDetails(long id, string filterStatus, StepProgress? progress = null)
    {
        var started = DateTimeOffset.UtcNow.AddMinutes(-1);
        var steps = StepNames.All.Select((step, i) => i == 0
            ? new RunStep(step, filterStatus, started, filterStatus == StepStatuses.Running ? null : started.AddSeconds(12), 2_000_000, 1_900_000, null,
                filterStatus == StepStatuses.Failed ? "the bad-row share 0.2 is above 0.1" : null, 12, progress)
            : new RunStep(step, StepStatuses.Pending, null, null, null, null, null, null)).ToList();
        var quality = new DataQualityReport(2_000_000, 100, 0.1, 50,
            new DatasetQuality(1_000_000, 990_000, 9_950, 50, 0.00005, new Dictionary<string, BadRowFinding>
            {
                ["bad_date"] = new(50, [new BadRowSample("raw/ads_views/date=x/part-0.csv", 17, "adv-1,p-1,click,2024-13-40")]),
            }),
            null, new ZeroImpressionClicks(3, [new ZeroImpressionSample("adv-1", "p-9", 4)]));
        Api.Details[id] = new RunDetails(Api.Runs.Single(r => r.Id == id), steps, quality);
    }

    [Fact]
    public void Shows_a_skeleton_while_loading()
    {
        Api.WithRun(RunStatuses.Succeeded, Yesterday);
        Api.Hold();

        var page = RenderRun(1);

        Assert.NotNull(page.Find("[data-view='run'][data-state='loading']"));
        Api.Release();
        WaitForState(page, "run", "ready");
    }

    [Fact]
    public void An_unknown_run_says_so()
    {
        var page = RenderRun(42);

        WaitForState(page, "run", "failed");
        Assert.Contains("Unknown run", page.Find("[data-view='run']").TextContent);
    }

    [Fact]
    public void A_failed_run_shows_its_steps_error_source_and_bad_lines()
    {
        Api.WithRun(RunStatuses.Failed, Yesterday);
        Api.Runs[0] = Api.Runs[0] with { Source = "api:ops/dashboard:admin" };
        WithDetails(1, StepStatuses.Failed);

        var page = RenderRun(1);

        WaitForState(page, "run", "ready");
        Assert.Contains("bad-row share 0.2", page.Find("[data-run-error]").TextContent);
        Assert.Equal("api:ops/dashboard:admin", page.Find("[data-source]").TextContent);
        Assert.Equal(StepNames.All, page.FindAll("[data-step]").Select(s => s.GetAttribute("data-step")!));
        Assert.Contains("2,000,000", page.Find("[data-step='filter']").TextContent);
        Assert.Equal("adv-1,p-1,click,2024-13-40", page.Find("[data-bad-reason='ads_views/bad_date'] [data-bad-line]").TextContent);
        Assert.Contains("3 products", page.Find("[data-zero-impressions]").TextContent);
        Assert.Equal("false", page.Find("[data-polling]").GetAttribute("data-polling"));
    }

    [Fact]
    public void Progress_of_a_running_run_moves_without_reload_and_polling_stops_when_it_ends()
    {
        Api.WithRun(RunStatuses.Running, Yesterday);
        WithDetails(1, StepStatuses.Running, new StepProgress("bytes", 200, 1000, DateTimeOffset.UtcNow, 0.2, 40));

        var page = RenderRun(1);

        page.WaitForAssertion(() => Assert.Equal("0.2", page.Find("[data-progress='filter']").GetAttribute("data-fraction")));
        Assert.Equal("true", page.Find("[data-polling]").GetAttribute("data-polling"));
        WithDetails(1, StepStatuses.Running, new StepProgress("bytes", 700, 1000, DateTimeOffset.UtcNow, 0.7, 10));
        page.WaitForAssertion(() => Assert.Equal("0.7", page.Find("[data-progress='filter']").GetAttribute("data-fraction")), TimeSpan.FromSeconds(10));

        Api.Runs[0] = Api.Runs[0] with { Status = RunStatuses.Succeeded };
        WithDetails(1, StepStatuses.Succeeded);
        page.WaitForAssertion(() => Assert.Equal(RunStatuses.Succeeded, page.Find("[data-run-status]").GetAttribute("data-run-status")), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.Equal("false", page.Find("[data-polling]").GetAttribute("data-polling")));
        var calls = Api.Calls;
        Thread.Sleep(TimeSpan.FromSeconds(2.5));
        Assert.Equal(calls, Api.Calls);
    }

    [Fact]
    public void Signed_out_users_get_no_resume_or_cancel()
    {
        Api.WithRun(RunStatuses.Failed, Yesterday);

        var page = RenderRun(1);

        WaitForState(page, "run", "ready");
        Assert.Empty(page.FindAll("[data-admin-controls], #resume-run, #cancel-run"));
    }

    [Fact]
    public void An_admin_cancels_a_running_run_after_confirming_and_reads_the_answer()
    {
        SignInAsAdmin();
        Api.WithRun(RunStatuses.Running, Yesterday);
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();

        var page = RenderRun(1);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#cancel-run")));
        page.Find("#cancel-run").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Cancel run #1", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel run").Click();
        snackbars.WaitForAssertion(() => Assert.Contains("nothing of it is published", snackbars.Markup));
        Assert.Equal(["cancel:1 by dashboard:admin"], Api.AdminCalls);
        page.WaitForAssertion(() => Assert.Equal(RunStatuses.Cancelled, page.Find("[data-run-status]").GetAttribute("data-run-status")));
    }

    [Fact]
    public async Task A_refused_resume_reports_the_problem_text()
    {
        SignInAsAdmin();
        Api.WithRun(RunStatuses.Failed, Yesterday);
        Api.AdminFailure = await FakeRecsApi.ProblemAsync(HttpStatusCode.Conflict, "Run not resumable", "Another run of this date is active.");
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();

        var page = RenderRun(1);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#resume-run")));
        page.Find("#resume-run").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Resume run #1", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Resume").Click();
        snackbars.WaitForAssertion(() => Assert.Contains("Run not resumable: Another run of this date is active.", snackbars.Markup));
        Assert.DoesNotContain("Exception", snackbars.Markup);
    }
}
