using System.Net;
using Recommender.Contracts;
using Recommender.Tests.Api.Fixtures;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

/// <summary>
/// The read side of the run ledger: each step status counted as it is, the run's source, parameters
/// and durations, live progress, the filters and the grid. Runs are written with the Scheduler's
/// own ledger (for 2002 dates, which nothing else uses) and deleted afterwards.
/// </summary>
[Collection(SharedRecsDatabase.Name)]
public sealed class RunLedgerApiTests(StackFixture stack) : ApiTest(stack)
{
    private static readonly DateOnly FirstDate = new(2002, 3, 1);

    private LedgerRuns Ledger { get; set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Ledger = new LedgerRuns(Fixture.DataSource);
    }

    public override async ValueTask DisposeAsync()
    {
        await Ledger.DisposeAsync();
        await base.DisposeAsync();
    }

    public static TheoryData<string, int> FailedSteps => new()
    {
        { StepNames.Filter, 0 },
        { StepNames.TopCtr, 1 },
        { StepNames.TopProduct, 2 },
        { StepNames.Publish, 3 },
    };

    [Theory]
    [MemberData(nameof(FailedSteps))]
    public async Task A_run_failed_in_a_step_counts_only_the_steps_before_it_as_succeeded(string step, int before)
    {
        var runId = await Ledger.FailAtAsync(FirstDate.AddDays(before), step);

        var run = await Api.GetRunAsync(runId, Cancel);
        var listed = Assert.Single((await Api.GetRunsAsync(from: "2002-03-01", to: "2002-03-31", pageSize: 500, cancellationToken: Cancel)).Items, r => r.Id == runId);

        var skipped = StepNames.All.Count - before - 1;
        var expected = new StepCounts(Pending: 0, Running: 0, Succeeded: before, Reused: 0, Failed: 1, Skipped: skipped, Cancelled: 0);
        Assert.Equal(RunStatuses.Failed, run.Run.Status);
        Assert.Equal(expected, run.Run.StepCounts);
        Assert.Equal(before, run.Run.StepsSucceeded);
        Assert.Equal(4, run.Run.StepsTotal);
        Assert.Equal(expected, listed.StepCounts);
        Assert.Equal(before, listed.StepsSucceeded);
        Assert.Equal(
            [.. Enumerable.Repeat(StepStatuses.Succeeded, before), StepStatuses.Failed, .. Enumerable.Repeat(StepStatuses.Skipped, skipped)],
            run.Steps.Select(s => s.Status));
        Assert.Equal($"{step} broke", run.Run.Error);
    }

    [Fact]
    public async Task A_run_shows_its_source_parameters_and_durations()
    {
        var runId = await Ledger.StartAsync(
            FirstDate.AddDays(10), RunTriggers.Backfill, "api:ops-key",
            """{"accept_volume": true, "reprocess": "missing", "backfill_from": "2002-03-01", "backfill_to": "2002-03-20"}""");
        await Ledger.SucceedStepsBeforeAsync(runId, StepNames.TopProduct);
        await Ledger.TimeStepAsync(runId, StepNames.Filter, startedSecondsAgo: 100, seconds: 30);
        await Ledger.TimeStepAsync(runId, StepNames.TopCtr, startedSecondsAgo: 70, seconds: 12.5);

        var run = await Api.GetRunAsync(runId, Cancel);

        Assert.Equal("api:ops-key", run.Run.Source);
        Assert.Equal(new RunParameters(true, ReprocessModes.Missing, new DateOnly(2002, 3, 1), new DateOnly(2002, 3, 20)), run.Run.Parameters);
        Assert.False(run.Run.CancelRequested);
        Assert.NotNull(run.Run.DurationSeconds); // still running: the time since it started
        Assert.Equal(new double?[] { 30, 12.5, null, null }, run.Steps.Select(s => s.DurationSeconds));
    }

    [Fact]
    public async Task A_run_queued_without_parameters_has_none()
    {
        var runId = await Ledger.FailAtAsync(FirstDate.AddDays(11), StepNames.Filter);

        var run = await Api.GetRunAsync(runId, Cancel);

        Assert.Null(run.Run.Parameters);
        Assert.Equal("schedule", run.Run.Source);
    }

    [Fact]
    public async Task A_running_step_reports_its_share_done_and_time_left()
    {
        var runId = await Ledger.StartAsync(FirstDate.AddDays(12));
        await Ledger.StartStepAsync(runId, StepNames.Filter);
        await Ledger.TimeStepAsync(runId, StepNames.Filter, startedSecondsAgo: 40, seconds: null);
        // A quarter done 20 s after the start: three quarters left at that rate take 60 s.
        await Ledger.ReportProgressAsync(runId, StepNames.Filter, "bytes", done: 250, total: 1000, updatedSecondsAgo: 20);

        var steps = (await Api.GetRunAsync(runId, Cancel)).Steps;

        var filter = steps[0];
        Assert.Equal(StepStatuses.Running, filter.Status);
        Assert.NotNull(filter.Progress);
        Assert.Equal("bytes", filter.Progress.Unit);
        Assert.Equal(250, filter.Progress.Done);
        Assert.Equal(1000, filter.Progress.Total);
        Assert.Equal(0.25, filter.Progress.Fraction);
        // The two times are written by two statements, each relative to its own now(): allow their gap.
        Assert.InRange(filter.Progress.EtaSeconds!.Value, 59, 61);
        Assert.All(steps.Skip(1), s => Assert.Null(s.Progress));
    }

    [Fact]
    public async Task Progress_without_a_known_total_has_no_share_or_eta()
    {
        var runId = await Ledger.StartAsync(FirstDate.AddDays(13));
        await Ledger.StartStepAsync(runId, StepNames.Filter);
        await Ledger.ReportProgressAsync(runId, StepNames.Filter, "rows", done: 5000, total: null);

        var progress = (await Api.GetRunAsync(runId, Cancel)).Steps[0].Progress;

        Assert.NotNull(progress);
        Assert.Equal(("rows", 5000L, (long?)null, (double?)null, (double?)null), (progress.Unit, progress.Done, progress.Total, progress.Fraction, progress.EtaSeconds));
    }

    [Fact]
    public async Task Runs_filter_by_status_trigger_and_date_range()
    {
        var failed = await Ledger.FailAtAsync(FirstDate.AddDays(20), StepNames.TopCtr, RunTriggers.Backfill);
        var succeeded = await Ledger.SucceedAsync(FirstDate.AddDays(21), RunTriggers.CatchUp);
        var outside = await Ledger.SucceedAsync(FirstDate.AddDays(25), RunTriggers.CatchUp);

        async Task<long[]> IdsAsync(string? status = null, string? trigger = null, string to = "2002-03-25", string from = "2002-03-21") =>
            [.. (await Api.GetRunsAsync(status, pageSize: 500, cancellationToken: Cancel, trigger: trigger, from: from, to: to))
                .Items.Select(r => r.Id)];

        Assert.Equal([succeeded, failed], await IdsAsync());
        Assert.Equal([outside, succeeded, failed], await IdsAsync(to: "2002-03-26"));
        Assert.Equal([succeeded], await IdsAsync(from: "2002-03-22", to: "2002-03-22"));
        Assert.Equal([succeeded], await IdsAsync(RunStatuses.Succeeded));
        Assert.Equal([failed], await IdsAsync(RunStatuses.Failed));
        Assert.Equal([succeeded], await IdsAsync(trigger: RunTriggers.CatchUp));
        Assert.Equal([failed], await IdsAsync(trigger: RunTriggers.Backfill));
        Assert.Empty(await IdsAsync(RunStatuses.Failed, RunTriggers.CatchUp));
        var page = await Api.GetRunsAsync(RunStatuses.Succeeded, cancellationToken: Cancel, from: "2002-03-21", to: "2002-03-31");
        Assert.Equal(2, page.TotalItems);
    }

    [Theory]
    [InlineData("/runs?status=done", "status", "queued, running, succeeded, failed, cancelled, held")]
    [InlineData("/runs?trigger=cron", "trigger", "schedule, manual, backfill, catch-up")]
    [InlineData("/runs?from=2002-02-30", "from", "YYYY-MM-DD")]
    [InlineData("/runs?to=yesterday", "to", "YYYY-MM-DD")]
    [InlineData("/runs?from=2002-03-02&to=2002-03-01", "from", "must not be after to")]
    [InlineData("/runs/grid?days=0", "days", "from 1 to 90")]
    [InlineData("/runs/grid?days=91", "days", "from 1 to 90")]
    [InlineData("/runs/grid?days=x", "days", "from 1 to 90")]
    public async Task Bad_filters_are_400_naming_what_is_allowed(string path, string parameter, string allowed)
    {
        using var response = await Http.GetAsync(path, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"parameter\":\"{parameter}\"", body, StringComparison.Ordinal);
        Assert.Contains(allowed, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grid_has_each_date_newest_first_with_its_latest_run_step_by_step()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // Far enough back that neither the pipeline nor other tests run these dates.
        var (failedDate, quietDate) = (today.AddDays(-60), today.AddDays(-59));
        await Ledger.SucceedAsync(failedDate);
        var latest = await Ledger.FailAtAsync(failedDate, StepNames.TopProduct);
        await Ledger.TimeStepAsync(latest, StepNames.Filter, startedSecondsAgo: 50, seconds: 20);

        var grid = await Api.GetRunGridAsync(61, Cancel);

        Assert.Equal(61, grid.Days);
        Assert.Equal(StepNames.All, grid.Steps);
        Assert.Equal(Enumerable.Range(0, 61).Select(i => today.AddDays(-i)), grid.Dates.Select(d => d.Date));
        var cell = grid.Dates[^1];
        Assert.Equal(failedDate, cell.Date);
        Assert.False(cell.Published);
        Assert.Equal(2, cell.Runs);
        Assert.NotNull(cell.LatestRun);
        Assert.Equal(latest, cell.LatestRun.RunId);
        Assert.Equal(RunStatuses.Failed, cell.LatestRun.Status);
        Assert.Equal(StepNames.All, cell.LatestRun.Steps.Select(s => s.Step));
        Assert.Equal(
            [StepStatuses.Succeeded, StepStatuses.Succeeded, StepStatuses.Failed, StepStatuses.Skipped],
            cell.LatestRun.Steps.Select(s => s.Status));
        Assert.Equal(20, cell.LatestRun.Steps[0].DurationSeconds);
        var quiet = grid.Dates[^2];
        Assert.Equal((quietDate, false, 0, (RunGridRun?)null), (quiet.Date, quiet.Published, quiet.Runs, quiet.LatestRun));
    }

    [Fact]
    public async Task Grid_marks_published_dates_and_defaults_to_14_days()
    {
        var grid = await Api.GetRunGridAsync(cancellationToken: Cancel);

        Assert.Equal(14, grid.Days);
        Assert.Equal(14, grid.Dates.Count);
        var yesterday = Assert.Single(grid.Dates, d => d.Date == FixturePublisher.Yesterday);
        Assert.True(yesterday.Published); // the stack publishes its sample days up to yesterday
    }
}
