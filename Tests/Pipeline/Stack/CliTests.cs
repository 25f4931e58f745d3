using System.Diagnostics;
using Aspire.Hosting.Testing;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Pipeline.Stack;

/// <summary>The Scheduler binary's pipeline verbs, run as a separate process the way an operator runs them.</summary>
public sealed class CliTests(StackFixture stack) : StackTest(stack)
{
    private static readonly DateOnly Day = new(2025, 9, 14);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<(int ExitCode, string Output, string Errors)> SchedulerAsync(PipelineHarness harness, params string[] args) =>
        SchedulerProcess.RunAsync(Stack, harness, null, args);

    [Fact]
    public async Task Run_processes_the_date_and_shows_each_step()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Day));

        var (exitCode, _, errors) = await SchedulerAsync(harness, "run", "--date", "2025-09-14");

        Assert.Equal(0, exitCode);
        Assert.Contains("filter       succeeded", errors, StringComparison.Ordinal);
        Assert.Contains("publish      succeeded", errors, StringComparison.Ordinal);
        Assert.Equal(["2025-09-14|manual|succeeded"], await harness.RowsAsync("SELECT logical_date, trigger, status FROM pipeline_runs"));
    }

    [Fact]
    public async Task Run_without_raw_data_exits_non_zero_with_the_reason_on_one_line()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);

        var (exitCode, _, errors) = await SchedulerAsync(harness, "run", "--date", "2025-09-14");

        Assert.Equal(1, exitCode);
        var last = errors.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("error: run ", last, StringComparison.Ordinal);
        Assert.Contains("for 2025-09-14 failed: filter: no raw data for 2025-09-14", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backfill_runs_each_date_in_order_and_status_lists_them()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Day, days: 3, rowsPerDay: 500));

        var (exitCode, _, _) = await SchedulerAsync(harness, "backfill", "--from", "2025-09-12", "--to", "2025-09-14");
        var (statusCode, status, _) = await SchedulerAsync(harness, "status");

        Assert.Equal(0, exitCode);
        Assert.Equal(["2025-09-12", "2025-09-13", "2025-09-14"], await harness.RowsAsync("SELECT logical_date FROM pipeline_runs WHERE trigger = 'backfill' ORDER BY started_at"));
        Assert.Equal(0, statusCode);
        Assert.Contains("published: 2025-09-14 (4 advertisers", status, StringComparison.Ordinal);
        Assert.Equal(3, status.Split('\n').Count(line => line.Contains("backfill  succeeded", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("run", "--date", "14/09/2025")]
    [InlineData("backfill", "--from", "2025-09-14", "--to", "2025-09-01")]
    public async Task Bad_arguments_exit_with_code_two(params string[] args)
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);

        var (exitCode, _, errors) = await SchedulerAsync(harness, args);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: ", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_queued_from_the_cli_records_the_os_user_as_its_source()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);

        var (exitCode, _, _) = await SchedulerAsync(harness, "run", "--date", "2025-09-14", "--no-wait", "--accept-volume");

        Assert.Equal(0, exitCode);
        Assert.Equal(
            [$"manual|cli:{Environment.UserName}|true"],
            await harness.RowsAsync("SELECT trigger, source, parameters->>'accept_volume' FROM pipeline_runs"));
    }

    [Fact]
    public async Task Cancel_ends_a_queued_run_and_refuses_a_run_that_already_ended()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        var runId = await harness.EnqueueAsync(Day);

        var (exitCode, _, errors) = await SchedulerAsync(harness, "cancel", "--run", $"{runId}");
        var (againCode, _, againErrors) = await SchedulerAsync(harness, "cancel", "--run", $"{runId}");

        Assert.Equal((0, $"run {runId} cancelled"), (exitCode, errors.Trim()));
        Assert.Equal((1, $"error: run {runId} already ended cancelled; nothing to cancel"), (againCode, againErrors.Trim()));
        Assert.Equal("cancelled", (await harness.RunAsync(runId)).Status);
    }

    [Fact]
    public async Task A_dry_run_backfill_of_missing_days_says_why_for_each_date_and_queues_nothing()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Day, days: 1));

        var (exitCode, _, errors) = await SchedulerAsync(
            harness, "backfill", "--from", "2025-09-13", "--to", "2025-09-14", "--reprocess", "missing", "--dry-run");

        Assert.Equal(0, exitCode);
        Assert.Equal(
            ["2025-09-13 skip_no_raw_data skipped: no raw data in the bucket", "2025-09-14 queue            would queue: never published"],
            errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(0L, await harness.ScalarAsync<long>("SELECT count(*) FROM pipeline_runs"));
    }

    [Fact]
    public async Task Run_prints_only_its_own_progress_and_errors()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Day));

        var (succeeded, succeededOutput, succeededErrors) = await SchedulerAsync(harness, "run", "--date", "2025-09-14");
        var (failed, failedOutput, failedErrors) = await SchedulerAsync(harness, "run", "--date", "2025-09-15");

        Assert.Equal((0, 1), (succeeded, failed));
        Assert.Equal(("", ""), (succeededOutput, failedOutput));
        var progress = new System.Text.RegularExpressions.Regex(@"^(queued run \d+ for \d{4}-\d{2}-\d{2}|\d{4}-\d{2}-\d{2} run \d+ .+|error: run \d+ for .+)$");
        var lines = (succeededErrors + failedErrors).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Matches(progress, line));
        Assert.Single(lines, line => line.StartsWith("error: ", StringComparison.Ordinal));
    }
}
