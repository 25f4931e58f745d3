using System.Text;
using System.Text.Json.Nodes;
using Recommender.Scheduler.Pipeline.Runs;
using Recommender.Scheduler.SampleData;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Pipeline.Stack;

public sealed class FailedRunTests(StackFixture stack) : StackTest(stack)
{
    private static readonly DateOnly Day = new(2025, 8, 5);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A second CSV in the day's partition with <paramref name="count"/> malformed rows of assorted kinds.</summary>
    private static string BadRows(int count) =>
        "advertiser_id,product_id,type,date\n" + string.Concat(Enumerable.Range(0, count).Select(i => (i % 4) switch
        {
            0 => $"ADV,p{i},purchase,2025-08-05\n",
            1 => $"ADV,p{i},impression\n",
            2 => $",p{i},click,2025-08-05\n",
            _ => $"ADV,p{i},click,2025-02-30\n",
        }));

    [Fact]
    public async Task A_day_with_five_percent_bad_rows_fails_and_publishes_nothing()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Day, days: 2, rowsPerDay: 1_900));
        await harness.EnqueueAsync(Day.AddDays(-1));
        await harness.DrainAsync();
        var before = await harness.PublishedAsync("top_ctr", Day.AddDays(-1));
        await harness.PutRawAsync("ads_views/date=2025-08-05/part-00001.csv", BadRows(100));

        var runId = await harness.EnqueueAsync(Day);
        await harness.DrainAsync();

        var run = await harness.RunAsync(runId);
        Assert.Equal("failed", run.Status);
        Assert.Equal(1, run.Attempt);
        Assert.StartsWith("filter: too many malformed rows: ads_views 5.00 % of 2,000 rows (limit 1.00 %)", run.Error, StringComparison.Ordinal);
        var quality = await DataQualityAsync(harness, runId);
        var reasons = quality["ads_views"]!["reasons"]!.AsObject();
        Assert.Equal(["empty_id", "unknown_type", "unparseable_date", "wrong_column_count"], reasons.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.All(reasons, r => Assert.Equal(25, (long)r.Value!["count"]!));
        Assert.All(reasons, r => Assert.Equal(10, r.Value!["samples"]!.AsArray().Count));
        Assert.Equal(100L, (long)quality["ads_views"]!["bad_rows"]!);
        Assert.Equal(["2025-08-04"], await harness.RowsAsync("SELECT date FROM published_dates"));
        Assert.Equal(before, await harness.PublishedAsync("top_ctr", Day.AddDays(-1)));
    }

    [Fact]
    public async Task A_day_with_half_a_percent_bad_rows_is_published_and_the_bad_rows_recorded()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Day, rowsPerDay: 1_990));
        await harness.PutRawAsync("ads_views/date=2025-08-05/part-00001.csv", BadRows(10));

        var runId = await harness.EnqueueAsync(Day);
        await harness.DrainAsync();

        Assert.Equal("succeeded", (await harness.RunAsync(runId)).Status);
        var quality = await DataQualityAsync(harness, runId);
        Assert.Equal(10L, (long)quality["ads_views"]!["bad_rows"]!);
        Assert.Equal(2_000L, (long)quality["ads_views"]!["rows_read"]!);
        Assert.Equal(0.005, (double)quality["ads_views"]!["bad_share"]!, 6);
        var sample = quality["ads_views"]!["reasons"]!["wrong_column_count"]!["samples"]![0]!;
        Assert.Equal($"{harness.RawPrefix}ads_views/date=2025-08-05/part-00001.csv", (string)sample["object"]!);
        Assert.Equal(3L, (long)sample["line"]!);
        Assert.Equal("ADV,p1,impression", (string)sample["text"]!);
        Assert.Equal(["2025-08-05"], await harness.RowsAsync("SELECT date FROM published_dates"));
    }

    [Fact]
    public async Task A_date_without_raw_data_fails_with_no_raw_data()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Day));

        var runId = await harness.EnqueueAsync(Day.AddDays(1));
        await harness.DrainAsync();

        var run = await harness.RunAsync(runId);
        Assert.Equal("failed", run.Status);
        Assert.StartsWith("filter: no raw data for 2025-08-06", run.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await harness.ScalarAsync<long>("SELECT count(*) FROM published_dates"));
    }

    [Fact]
    public async Task A_single_file_without_rows_of_the_date_is_missing_input_not_an_empty_day()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Day) with { Layout = SampleLayout.SingleFile });

        var runId = await harness.EnqueueAsync(Day.AddDays(-3));
        await harness.DrainAsync();

        Assert.StartsWith($"filter: no rows of ads_views for 2025-08-02 in {harness.RawPrefix}ads_views.csv;", (await harness.RunAsync(runId)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_gzip_object_fails_the_run_naming_its_key()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Day, rowsPerDay: 20_000) with { Format = SampleFormat.CsvGz });
        var key = $"{harness.RawPrefix}product_views/date=2025-08-05/part-00000.csv.gz";
        var whole = await harness.DownloadAsync(key);
        await harness.PutRawAsync("product_views/date=2025-08-05/part-00000.csv.gz", whole[..(whole.Length / 2)]);

        var runId = await harness.EnqueueAsync(Day);
        await harness.DrainAsync();

        var run = await harness.RunAsync(runId);
        Assert.Equal("failed", run.Status);
        Assert.Contains($"corrupt gzip object {key}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_that_failed_at_publish_resumes_there_reusing_earlier_outputs()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack, new Dictionary<string, string?> { ["Pipeline:RetentionDays"] = "2" });
        await harness.GenerateAsync(PipelineHarness.Tiny(Day, days: 4, rowsPerDay: 500));
        await harness.EnqueueAsync(Day);
        await harness.DrainAsync();

        // Day − 3 is outside the two-day window behind the published Day: publish refuses it.
        var runId = await harness.EnqueueAsync(Day.AddDays(-3));
        await harness.DrainAsync();
        var failed = await harness.RunAsync(runId);
        Assert.Equal("failed", failed.Status);
        Assert.Equal(["succeeded", "succeeded", "succeeded", "failed"], failed.Steps.Select(s => s.Status));
        Assert.StartsWith("publish: 2025-08-02 is outside the retention window", failed.Error, StringComparison.Ordinal);

        // The operator clears the newer date; the raw data of the failed date is gone meanwhile,
        // so only reused outputs can get the run through.
        await harness.ScalarAsync<long>("WITH d AS (DELETE FROM published_dates RETURNING 1) SELECT count(*) FROM d");
        foreach (var dataset in new[] { "ads_views", "product_views" })
        {
            await harness.Bucket.DeleteAsync($"{harness.RawPrefix}{dataset}/date=2025-08-02/part-00000.csv", Cancel);
        }

        Assert.True(await harness.Ledger.ResumeAsync(runId, Cancel));
        var progress = new List<StepProgress>();
        var outcome = await harness.NewWorker().ProcessNextAsync(runId, new SynchronousProgress(progress), Cancel);

        Assert.Equal(RunOutcomeKind.Succeeded, outcome!.Kind);
        Assert.Equal(
            ["filter:reused", "publish:running", "publish:succeeded", "top_ctr:reused", "top_product:reused"],
            progress.Select(p => $"{p.Step}:{p.Status}").Order(StringComparer.Ordinal));
        Assert.Contains("2025-08-02", await harness.RowsAsync("SELECT date FROM published_dates"));
    }

    private static async Task<JsonNode> DataQualityAsync(PipelineHarness harness, long runId) =>
        JsonNode.Parse(await harness.ScalarAsync<string>("SELECT data_quality::text FROM pipeline_runs WHERE id = $1", runId))!;

    private sealed class SynchronousProgress(List<StepProgress> seen) : IProgress<StepProgress>
    {
        public void Report(StepProgress value)
        {
            lock (seen)
            {
                seen.Add(value);
            }
        }
    }
}
