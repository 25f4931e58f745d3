using Recommender.Scheduler.SampleData;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Pipeline.Stack;

/// <summary>A day with nothing to rank fails its run and leaves what was published as it was.</summary>
public sealed class EmptyInputTests(StackFixture stack) : StackTest(stack)
{
    private static readonly DateOnly Day = new(2025, 8, 12);

    /// <summary>Publishes <see cref="Day"/> from generated data and returns its top_ctr rows.</summary>
    private static async Task<List<string>> PublishDayAsync(PipelineHarness harness, SampleLayout layout = SampleLayout.Daily)
    {
        await harness.GenerateAsync(PipelineHarness.Tiny(Day) with { Layout = layout });
        var runId = await harness.EnqueueAsync(Day);
        await harness.DrainAsync();
        Assert.Equal("succeeded", (await harness.RunAsync(runId)).Status);
        var published = await harness.PublishedAsync("top_ctr", Day);
        Assert.NotEmpty(published);
        return published;
    }

    private static async Task<string> RunAgainAsync(PipelineHarness harness)
    {
        var runId = await harness.EnqueueAsync(Day);
        await harness.DrainAsync();
        var run = await harness.RunAsync(runId);
        Assert.Equal("failed", run.Status);
        return run.Error!;
    }

    /// <summary><c>{raw}</c> in <paramref name="error"/> stands for the harness's raw prefix.</summary>
    [Theory]
    [InlineData(SampleLayout.Daily, "ads_views/date=2025-08-12/part-00000.csv", "advertiser_id,product_id,type,date\n",
        "filter: no rows of ads_views for 2025-08-12 in {raw}ads_views/date=2025-08-12/part-00000.csv; upload the day's data and run it again")]
    [InlineData(SampleLayout.SingleFile, "product_views.csv", "advertiser_id,product_id,date\n",
        "filter: no rows of product_views for 2025-08-12 in {raw}product_views.csv; upload the day's data and run it again")]
    [InlineData(SampleLayout.Daily, "advertiser_ids.csv", "advertiser_id\n",
        "filter: {raw}advertiser_ids.csv lists no advertisers; upload the list of active advertisers (header advertiser_id, one id a line)")]
    [InlineData(SampleLayout.Daily, "advertiser_ids.csv", "advertiser_id\nNOBODY-1\nNOBODY-2\n",
        "filter: none of the 2 advertisers in {raw}advertiser_ids.csv appear in the data of 2025-08-12; check that the list and the logs are of the same advertisers")]
    public async Task A_day_with_nothing_to_rank_fails_its_run_and_keeps_the_published_day(SampleLayout layout, string key, string content, string error)
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        var before = await PublishDayAsync(harness, layout);
        await harness.PutRawAsync(key, content);

        Assert.Equal(error.Replace("{raw}", harness.RawPrefix, StringComparison.Ordinal), await RunAgainAsync(harness));
        Assert.Equal(before, await harness.PublishedAsync("top_ctr", Day));
    }
}
