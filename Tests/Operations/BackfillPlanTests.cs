using Microsoft.Extensions.DependencyInjection;
using Recommender.Contracts;
using Recommender.Scheduler.Pipeline.Operations;
using Recommender.Scheduler.Pipeline.Runs;
using Recommender.Scheduler.SampleData;
using Recommender.Tests.Infrastructure;
using Recommender.Tests.Pipeline.Stack;

namespace Recommender.Tests.Operations;

/// <summary>
/// Four dates: the first without raw data, the second published, the third published but its latest
/// run failed, the fourth never run.
/// </summary>
public sealed class BackfillPlanTests(StackFixture stack) : StackTest(stack)
{
    private static readonly DateOnly Last = new(2025, 10, 24);
    private static readonly DateOnly First = Last.AddDays(-3);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<PipelineHarness> ArrangeAsync(StackFixture stack)
    {
        var (harness, gate) = await GatedS3.HarnessAsync(stack, Last, days: 3);
        await harness.EnqueueAsync(Last.AddDays(-2));
        await harness.EnqueueAsync(Last.AddDays(-1));
        await harness.DrainAsync();
        gate.Fail("advertiser_ids.csv");
        await harness.EnqueueAsync(Last.AddDays(-1));
        await harness.DrainAsync();
        gate.Heal("advertiser_ids.csv");
        Assert.Equal(3, await harness.Services.GetRequiredService<RawInventory>().RefreshAsync(Cancel));
        return harness;
    }

    private static Task<IReadOnlyList<(BackfillDate Date, bool Created)>> BackfillAsync(PipelineHarness harness, string mode, bool dryRun) =>
        harness.Ledger.BackfillAsync(First, Last, mode, dryRun, 3, RunSources.Cli, Cancel);

    [Theory]
    [InlineData(ReprocessModes.Missing, new[] { BackfillDecisions.SkipNoRawData, BackfillDecisions.SkipPublished, BackfillDecisions.SkipPublished, BackfillDecisions.Queue })]
    [InlineData(ReprocessModes.Failed, new[] { BackfillDecisions.SkipNoRawData, BackfillDecisions.SkipPublished, BackfillDecisions.Queue, BackfillDecisions.Queue })]
    [InlineData(ReprocessModes.All, new[] { BackfillDecisions.Queue, BackfillDecisions.Queue, BackfillDecisions.Queue, BackfillDecisions.Queue })]
    public async Task Each_reprocess_mode_queues_what_its_dry_run_announced(string mode, string[] decisions)
    {
        await using var harness = await ArrangeAsync(Stack);
        var runsBefore = await harness.ScalarAsync<long>("SELECT count(*) FROM pipeline_runs");

        var plan = await BackfillAsync(harness, mode, dryRun: true);

        Assert.Equal(decisions, plan.Select(d => d.Date.Decision));
        Assert.Equal(Enumerable.Range(0, 4).Select(First.AddDays), plan.Select(d => d.Date.Date));
        Assert.All(plan, d => Assert.False(d.Created));
        Assert.Equal(runsBefore, await harness.ScalarAsync<long>("SELECT count(*) FROM pipeline_runs"));
        Assert.Equal([false, true, true, false], plan.Select(d => d.Date.Published));
        Assert.Equal([null, RunStatuses.Succeeded, RunStatuses.Failed, null], plan.Select(d => d.Date.LatestRunStatus));
        Assert.All(plan.Where(d => d.Date.Decision == BackfillDecisions.SkipNoRawData), d => Assert.Equal("skipped: no raw data in the bucket", d.Date.Reason));

        var done = await BackfillAsync(harness, mode, dryRun: false);

        Assert.Equal(decisions, done.Select(d => d.Date.Decision));
        var queued = done.Where(d => d.Created).Select(d => d.Date.RunId!.Value).ToArray();
        Assert.Equal(decisions.Count(d => d == BackfillDecisions.Queue), queued.Length);
        Assert.Equal(runsBefore + queued.Length, await harness.ScalarAsync<long>("SELECT count(*) FROM pipeline_runs"));
        Assert.All(await harness.RowsAsync(
            "SELECT trigger, source, parameters->>'reprocess', parameters->>'backfill_from' FROM pipeline_runs WHERE id = ANY($1)", queued),
            row => Assert.Equal($"backfill|{RunSources.Cli}|{mode}|2025-10-21", row));

        var again = await BackfillAsync(harness, mode, dryRun: true);
        Assert.All(again.Where(d => queued.Contains(d.Date.RunId ?? 0)), d => Assert.Equal(BackfillDecisions.SkipActive, d.Date.Decision));
        Assert.Equal(queued.Length, again.Count(d => d.Date.Decision == BackfillDecisions.SkipActive));
    }
    [Fact]
    public async Task In_the_single_file_layout_a_dry_run_never_says_no_raw_data_for_a_date_a_run_finds()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Last, days: 3) with { Layout = SampleLayout.SingleFile });
        await harness.EnqueueAsync(Last.AddDays(-1));
        await harness.DrainAsync();
        Assert.Equal(0, await harness.Services.GetRequiredService<RawInventory>().RefreshAsync(Cancel));
        Assert.Equal(["ads_views,product_views|True"], await harness.RowsAsync(
            "SELECT array_to_string(single_file_datasets, ','), any_date FROM raw_inventory_layout"));

        var plan = await harness.Ledger.BackfillAsync(Last.AddDays(-2), Last, ReprocessModes.Missing, true, 3, RunSources.Cli, Cancel);

        Assert.Equal([BackfillDecisions.Queue, BackfillDecisions.SkipPublished, BackfillDecisions.Queue], plan.Select(d => d.Date.Decision));
        Assert.Equal(["would queue: never published", "skipped: already published", "would queue: never published"], plan.Select(d => d.Date.Reason));

        var done = await harness.Ledger.BackfillAsync(Last.AddDays(-2), Last, ReprocessModes.Missing, false, 3, RunSources.Cli, Cancel);
        await harness.DrainAsync();

        var queued = done.Where(d => d.Created).Select(d => d.Date.RunId!.Value).ToArray();
        Assert.Equal(2, queued.Length);
        Assert.Equal([RunStatuses.Succeeded, RunStatuses.Succeeded], await harness.RowsAsync("SELECT status FROM pipeline_runs WHERE id = ANY($1)", queued));
        Assert.Equal(["2025-10-22", "2025-10-23", "2025-10-24"], await harness.RowsAsync("SELECT date FROM published_dates ORDER BY date"));
    }
}
