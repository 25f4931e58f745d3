using Recommender.Contracts;
using Recommender.Tests.Infrastructure;
using Recommender.Tests.Pipeline.Stack;

namespace Recommender.Tests.Operations;

public sealed class ResumeRunTests(StackFixture stack) : StackTest(stack)
{
    private static readonly DateOnly Day = new(2025, 10, 14);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StepNames.Filter, "advertiser_ids.csv")]
    [InlineData(StepNames.TopCtr, "filtered_ads_views.parquet")]
    [InlineData(StepNames.TopProduct, "filtered_product_views.parquet")]
    [InlineData(StepNames.Publish, "top_ctr.parquet")]
    public async Task A_run_that_failed_in_a_step_resumes_there_and_reuses_the_steps_that_succeeded(string step, string input)
    {
        var (harness, gate) = await GatedS3.HarnessAsync(Stack, Day);
        await using var disposal = harness;
        gate.Fail(input);
        var runId = await harness.EnqueueAsync(Day);
        await harness.DrainAsync();
        var failed = await harness.RunAsync(runId);
        Assert.Equal(RunStatuses.Failed, failed.Status);
        Assert.Equal(step, failed.FailedStep);
        var kept = await harness.RowsAsync(
            "SELECT step, finished_at FROM pipeline_run_steps WHERE run_id = $1 AND status = 'succeeded' ORDER BY step", runId);

        gate.Heal(input);
        Assert.True(await harness.Ledger.ResumeAsync(runId, Cancel));
        await harness.DrainAsync();

        var resumed = await harness.RunAsync(runId);
        Assert.Equal(RunStatuses.Succeeded, resumed.Status);
        Assert.Equal(StepStatuses.Succeeded, resumed.Steps.Single(s => s.Step == step).Status);
        Assert.Equal(kept, await harness.RowsAsync(
            "SELECT step, finished_at FROM pipeline_run_steps WHERE run_id = $1 AND status = 'reused' ORDER BY step", runId));
        Assert.Equal(["2025-10-14"], await harness.RowsAsync("SELECT date FROM published_dates"));
        Assert.False(await harness.Ledger.ResumeAsync(runId, Cancel));
    }
}
