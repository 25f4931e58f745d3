using Recommender.Contracts;
using Recommender.Scheduler.Pipeline.Runs;
using Recommender.Tests.Infrastructure;
using Recommender.Tests.Pipeline.Stack;

namespace Recommender.Tests.Operations;

public sealed class CancelRunTests(StackFixture stack) : StackTest(stack)
{
    private static readonly DateOnly Day = new(2025, 10, 7);

    /// <summary>The key of the lock Publish takes inside its transaction before it writes (publish_window.sql).</summary>
    private const long PublishLock = 0x5265_6373_5075_626C;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_queued_run_cancelled_ends_at_once_and_no_worker_takes_it()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        var runId = await harness.EnqueueAsync(Day);

        var cancel = await harness.Ledger.CancelAsync(runId, Cancel);

        Assert.Equal((RunStatuses.Cancelled, CancelOutcomes.Cancelled), cancel);
        var run = await harness.RunAsync(runId);
        Assert.Equal(RunStatuses.Cancelled, run.Status);
        Assert.NotNull(run.FinishedAt);
        Assert.All(run.Steps, s => Assert.Equal(StepStatuses.Skipped, s.Status));
        Assert.Null(await harness.NewWorker().ProcessNextAsync(cancellationToken: Cancel));
        Assert.Equal((RunStatuses.Cancelled, CancelOutcomes.Ended), await harness.Ledger.CancelAsync(runId, Cancel));
        Assert.Null(await harness.Ledger.CancelAsync(runId + 1_000, Cancel));
    }

    [Theory]
    [InlineData(StepNames.Filter, "advertiser_ids.csv")]
    [InlineData(StepNames.TopCtr, "filtered_ads_views.parquet")]
    [InlineData(StepNames.TopProduct, "filtered_product_views.parquet")]
    public async Task A_run_cancelled_inside_a_step_stops_that_step_and_publishes_nothing(string step, string input)
    {
        var (harness, gate) = await GatedS3.HarnessAsync(Stack, Day);
        await using var disposal = harness;
        gate.Hold(input);
        var runId = await harness.EnqueueAsync(Day);
        var work = harness.NewWorker().ProcessNextAsync(cancellationToken: Cancel);
        await harness.WaitForStepAsync(runId, step, StepStatuses.Running);

        var cancel = await harness.Ledger.CancelAsync(runId, Cancel);
        var outcome = await work;

        Assert.Equal((RunStatuses.Running, CancelOutcomes.Requested), cancel);
        Assert.Equal(RunOutcomeKind.Cancelled, outcome!.Kind);
        var run = await harness.RunAsync(runId);
        Assert.Equal(RunStatuses.Cancelled, run.Status);
        Assert.NotNull(run.FinishedAt);
        Assert.Equal(StepStatuses.Cancelled, run.Steps.Single(s => s.Step == step).Status);
        Assert.Equal(StepStatuses.Skipped, run.Steps.Single(s => s.Step == StepNames.Publish).Status);
        Assert.Equal(0L, await harness.ScalarAsync<long>("SELECT count(*) FROM published_dates"));
        Assert.Equal(0L, await harness.ScalarAsync<long>("SELECT count(*) FROM top_ctr"));
    }

    [Fact]
    public async Task A_cancel_reaching_a_run_inside_publishs_transaction_lets_it_finish()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Day));
        await using var otherPublish = await harness.DataSource.OpenConnectionAsync(Cancel);
        await using (var hold = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({PublishLock})", otherPublish))
        {
            await hold.ExecuteNonQueryAsync(Cancel);
        }

        var runId = await harness.EnqueueAsync(Day);
        var work = harness.NewWorker().ProcessNextAsync(cancellationToken: Cancel);
        await LedgerPolling.UntilAsync(
            async () => await harness.ScalarAsync<long>(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") > 0,
            "the publish to wait inside its transaction");

        var cancel = await harness.Ledger.CancelAsync(runId, Cancel);
        await using (var release = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({PublishLock})", otherPublish))
        {
            await release.ExecuteNonQueryAsync(Cancel);
        }

        var outcome = await work;

        Assert.Equal((RunStatuses.Running, CancelOutcomes.Publishing), cancel);
        Assert.Equal(RunOutcomeKind.Succeeded, outcome!.Kind);
        Assert.Equal(RunStatuses.Succeeded, (await harness.RunAsync(runId)).Status);
        Assert.Equal(["2025-10-07"], await harness.RowsAsync("SELECT date FROM published_dates"));
        Assert.Equal(["True|True"], await harness.RowsAsync(
            "SELECT cancel_requested_at IS NOT NULL, cancel_too_late FROM pipeline_runs WHERE id = $1", runId));
    }
}
