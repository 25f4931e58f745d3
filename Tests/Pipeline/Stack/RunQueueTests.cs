using Npgsql;
using Recommender.Scheduler.Pipeline.Runs;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Pipeline.Stack;

public sealed class RunQueueTests(StackFixture stack) : StackTest(stack)
{
    private static readonly DateOnly Day = new(2025, 7, 20);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backfill_of_three_dates_publishes_them_in_date_order()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Day, days: 3, rowsPerDay: 1_000));
        var runs = new List<long>();
        for (var day = Day.AddDays(-2); day <= Day; day = day.AddDays(1))
        {
            runs.Add(await harness.EnqueueAsync(day, "backfill"));
        }

        await harness.DrainAsync();

        var states = await harness.Ledger.GetManyAsync(runs, Cancel);
        Assert.All(states, run => Assert.Equal("succeeded", run.Status));
        Assert.All(states, run => Assert.Equal("backfill", run.Trigger));
        Assert.Equal(states.OrderBy(r => r.Date).Select(r => r.Id), states.OrderBy(r => r.StartedAt).Select(r => r.Id));
        Assert.Equal(["2025-07-18", "2025-07-19", "2025-07-20"], await harness.RowsAsync("SELECT date FROM published_dates ORDER BY date"));
    }

    [Fact]
    public async Task Two_workers_racing_for_one_date_process_it_once()
    {
        await using var replicaA = await PipelineHarness.CreateAsync(Stack);
        await replicaA.GenerateAsync(PipelineHarness.Tiny(Day));
        var runId = await replicaA.EnqueueAsync(Day);
        var first = replicaA.NewWorker();
        var second = replicaA.NewWorker();

        var outcomes = await Task.WhenAll(first.ProcessNextAsync(cancellationToken: Cancel), second.ProcessNextAsync(cancellationToken: Cancel));

        var processed = Assert.Single(outcomes, o => o is not null);
        Assert.Equal(RunOutcomeKind.Succeeded, processed!.Kind);
        var run = await replicaA.RunAsync(runId);
        Assert.Equal(1, run.Attempt);
        Assert.Equal(1L, await replicaA.ScalarAsync<long>("SELECT count(*) FROM published_dates"));
    }

    [Fact]
    public async Task A_worker_that_cannot_take_the_dates_lock_hands_the_run_back()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Day));
        var runId = await harness.EnqueueAsync(Day);
        await using var otherReplica = await harness.DataSource.OpenConnectionAsync(Cancel);
        await LockDateAsync(otherReplica, Day);

        var outcome = await harness.NewWorker().ProcessNextAsync(cancellationToken: Cancel);

        Assert.Equal(RunOutcomeKind.Deferred, outcome!.Kind);
        var run = await harness.RunAsync(runId);
        Assert.Equal("queued", run.Status);
        Assert.Equal(0, run.Attempt);
        Assert.All(run.Steps, step => Assert.Equal("pending", step.Status));
    }

    [Fact]
    public async Task A_killed_workers_run_is_requeued_and_finished_by_another()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Day));
        var runId = await harness.EnqueueAsync(Day);

        // The dead worker: it claimed the run and took the date's lock, then its process vanished
        // (its session ends, releasing the lock, and it never renews the lease).
        var claimed = await harness.Ledger.ClaimAsync("dead-worker", TimeSpan.FromMilliseconds(500), null, Cancel);
        Assert.Equal(runId, claimed!.Id);
        await using (var deadSession = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(harness.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await deadSession.OpenAsync(Cancel);
            await LockDateAsync(deadSession, Day);
        }

        var rescuer = harness.NewWorker();
        RunOutcome? outcome;
        while ((outcome = await rescuer.ProcessNextAsync(cancellationToken: Cancel)) is null)
        {
            await Task.Delay(100, Cancel); // until the dead worker's lease has run out
        }

        Assert.Equal(RunOutcomeKind.Succeeded, outcome.Kind);
        var run = await harness.RunAsync(runId);
        Assert.Equal("succeeded", run.Status);
        Assert.Equal(2, run.Attempt);
        Assert.Equal(rescuer.Name, await harness.ScalarAsync<string>("SELECT worker FROM pipeline_runs WHERE id = $1", runId));
    }

    [Fact]
    public async Task A_run_whose_worker_still_holds_the_dates_lock_is_not_taken_back()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        var runId = await harness.EnqueueAsync(Day);
        await harness.Ledger.ClaimAsync("slow-worker", TimeSpan.FromMilliseconds(1), null, Cancel);
        await using var slowSession = await harness.DataSource.OpenConnectionAsync(Cancel);
        await LockDateAsync(slowSession, Day);
        await Task.Delay(50, Cancel);

        var taken = await harness.Ledger.RequeueExpiredAsync(Cancel);

        Assert.Empty(taken);
        Assert.Equal("running", (await harness.RunAsync(runId)).Status);
    }

    [Fact]
    public async Task A_run_out_of_attempts_when_its_worker_dies_is_failed()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        var (runId, _) = await harness.Ledger.EnqueueAsync(Day, "manual", maxAttempts: 1, Cancel);
        await harness.Ledger.ClaimAsync("dead-worker", TimeSpan.FromMilliseconds(1), null, Cancel);
        await Task.Delay(50, Cancel);

        var taken = await harness.Ledger.RequeueExpiredAsync(Cancel);

        Assert.Equal([(runId, Day, "failed")], taken);
        var run = await harness.RunAsync(runId);
        Assert.Contains("dead-worker stopped renewing its lease", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lease_that_ran_out_while_the_database_was_down_is_neither_failed_nor_charged_and_its_worker_keeps_it()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        var (runId, _) = await harness.Ledger.EnqueueAsync(Day, "manual", maxAttempts: 1, Cancel);
        await harness.Ledger.ClaimAsync("live-worker", TimeSpan.FromMinutes(1), null, Cancel);
        // As after an outage: the last renewal and the lease's end both before the server (re)started,
        // the worker's date lock gone with its connection. The lease is long so that it outlasts the server's uptime.
        await harness.ScalarAsync<int>("""
            WITH r AS (
                UPDATE pipeline_runs
                SET heartbeat_at = pg_postmaster_start_time() - interval '1 day', lease_expires_at = pg_postmaster_start_time() - interval '1 second'
                WHERE id = $1 RETURNING 1)
            SELECT count(*)::int FROM r
            """, runId);

        var taken = await harness.Ledger.RequeueExpiredAsync(Cancel);

        Assert.Empty(taken);
        Assert.NotNull(await harness.Ledger.RenewLeaseAsync(runId, "live-worker", TimeSpan.FromMinutes(1), [], Cancel));
        var run = await harness.RunAsync(runId);
        Assert.Equal(("running", 1), (run.Status, run.Attempt));
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_backoff_until_attempts_run_out()
    {
        // Nothing listens on port 9 of this host: every S3 call fails as a network error would.
        await using var harness = await PipelineHarness.CreateAsync(Stack, new Dictionary<string, string?>
        {
            ["ConnectionStrings:storage"] = "ServiceURL=http://127.0.0.1:9;Bucket=recs-data;Region=us-east-1;ForcePathStyle=true",
        });
        var runId = await harness.EnqueueAsync(Day);

        await harness.DrainAsync();

        var run = await harness.RunAsync(runId);
        Assert.Equal("failed", run.Status);
        Assert.Equal(3, run.Attempt);
        Assert.StartsWith("filter: ", run.Error, StringComparison.Ordinal);
        Assert.Equal(["failed", "skipped", "skipped", "skipped"], run.Steps.Select(s => s.Status));
    }

    private static async Task LockDateAsync(NpgsqlConnection connection, DateOnly date)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1, $2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = RunLedger.DateLockClass });
        command.Parameters.Add(new NpgsqlParameter { Value = RunLedger.DateLockKey(date) });
        await command.ExecuteNonQueryAsync(Cancel);
    }
}
