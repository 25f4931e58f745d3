using System.Diagnostics;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Pipeline.Stack;

/// <summary>The ledger's times are read from the clock at the moment they describe, not at a transaction's start.</summary>
public sealed class LedgerTimesTests(StackFixture stack) : StackTest(stack)
{
    private static readonly DateOnly Day = new(2025, 8, 19);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_publish_step_lasts_in_the_ledger_at_least_as_long_as_it_was_held_up()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Day));
        var runId = await harness.EnqueueAsync(Day);

        // Another publish holds the publish lock: this run's Publish waits inside its transaction.
        await using var publishLock = await HeldPublishLock.AcquireAsync(harness.DataSource);
        var drain = harness.DrainAsync();
        await HeldPublishLock.WaitForPublishAsync(harness, runId, drain);

        var held = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(1.5), Cancel);
        await publishLock.ReleaseAsync();
        held.Stop();
        await drain;

        var publish = await harness.ScalarAsync<double>(
            "SELECT extract(epoch FROM finished_at - started_at)::float8 FROM pipeline_run_steps WHERE run_id = $1 AND step = 'publish'", runId);
        var run = await harness.ScalarAsync<double>(
            "SELECT extract(epoch FROM finished_at - started_at)::float8 FROM pipeline_runs WHERE id = $1", runId);
        var publishedAfterStart = await harness.ScalarAsync<bool>(
            "SELECT d.published_at >= s.started_at AND d.published_at <= s.finished_at FROM published_dates d JOIN pipeline_run_steps s ON s.run_id = d.run_id AND s.step = 'publish' WHERE d.date = $1",
            Day);
        Assert.Equal("succeeded", (await harness.RunAsync(runId)).Status);
        Assert.True(publish >= held.Elapsed.TotalSeconds, $"the ledger says Publish took {publish:F3} s; it was held up for {held.Elapsed.TotalSeconds:F3} s");
        Assert.True(run > publish, $"the ledger says the run took {run:F3} s and its Publish {publish:F3} s");
        Assert.True(publishedAfterStart, "the date's published_at lies outside its Publish step");
    }
}
