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

    [Fact]
    public async Task A_header_only_daily_object_fails_the_run_and_keeps_the_published_day()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        var before = await PublishDayAsync(harness);
        await harness.PutRawAsync("ads_views/date=2025-08-12/part-00000.csv", "advertiser_id,product_id,type,date\n");

        var error = await RunAgainAsync(harness);

        Assert.Equal(
            $"filter: no rows of ads_views for 2025-08-12 in {harness.RawPrefix}ads_views/date=2025-08-12/part-00000.csv; upload the day's data and run it again",
            error);
        Assert.Equal(before, await harness.PublishedAsync("top_ctr", Day));
    }

    [Fact]
    public async Task A_header_only_single_file_fails_the_run_and_keeps_the_published_day()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        var before = await PublishDayAsync(harness, SampleLayout.SingleFile);
        await harness.PutRawAsync("product_views.csv", "advertiser_id,product_id,date\n");

        var error = await RunAgainAsync(harness);

        Assert.Equal(
            $"filter: no rows of product_views for 2025-08-12 in {harness.RawPrefix}product_views.csv; upload the day's data and run it again",
            error);
        Assert.Equal(before, await harness.PublishedAsync("top_ctr", Day));
    }

    [Fact]
    public async Task An_advertiser_list_without_advertisers_fails_the_run_and_keeps_the_published_day()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        var before = await PublishDayAsync(harness);
        await harness.PutRawAsync("advertiser_ids.csv", "advertiser_id\n");

        var error = await RunAgainAsync(harness);

        Assert.StartsWith($"filter: {harness.RawPrefix}advertiser_ids.csv lists no advertisers;", error, StringComparison.Ordinal);
        Assert.Equal(before, await harness.PublishedAsync("top_ctr", Day));
    }

    [Fact]
    public async Task An_advertiser_list_of_advertisers_absent_from_the_day_fails_the_run_and_keeps_the_published_day()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        var before = await PublishDayAsync(harness);
        await harness.PutRawAsync("advertiser_ids.csv", "advertiser_id\nNOBODY-1\nNOBODY-2\n");

        var error = await RunAgainAsync(harness);

        Assert.StartsWith($"filter: none of the 2 advertisers in {harness.RawPrefix}advertiser_ids.csv appear in the data of 2025-08-12;", error, StringComparison.Ordinal);
        Assert.Equal(before, await harness.PublishedAsync("top_ctr", Day));
    }
}
