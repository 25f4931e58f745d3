using Npgsql;
using Recommender.Scheduler.SampleData;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Pipeline.Stack;

public sealed class ManualRunTests(StackFixture stack) : StackTest(stack)
{
    private static readonly DateOnly Day = new(2025, 6, 10);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_manual_run_publishes_both_models_and_notifies()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Day, days: 3));
        await using var listener = await harness.DataSource.OpenConnectionAsync(Cancel);
        var notified = new List<string>();
        listener.Notification += (_, e) => notified.Add($"{e.Channel}:{e.Payload}");
        await using (var listen = new NpgsqlCommand("LISTEN recs_published", listener))
        {
            await listen.ExecuteNonQueryAsync(Cancel);
        }

        var runId = await harness.EnqueueAsync(Day.AddDays(-1));
        await harness.DrainAsync();
        await listener.WaitAsync(TimeSpan.FromSeconds(10), Cancel);

        var run = await harness.RunAsync(runId);
        Assert.Equal("succeeded", run.Status);
        Assert.All(run.Steps, step => Assert.Equal("succeeded", step.Status));
        Assert.Equal(2_000 * 2, run.Steps.Single(s => s.Step == "filter").RowsIn);
        Assert.Equal(["2025-06-09|4"], await harness.RowsAsync("SELECT date, active_advertisers FROM published_dates"));
        Assert.Equal(4, (await harness.PublishedAsync("daily_advertisers", Day.AddDays(-1))).Count);
        var topCtr = await harness.PublishedAsync("top_ctr", Day.AddDays(-1));
        var topProduct = await harness.PublishedAsync("top_product", Day.AddDays(-1));
        Assert.NotEmpty(topCtr);
        Assert.All(topProduct.GroupBy(r => r.Split('|')[0]), g => Assert.Equal(Enumerable.Range(1, g.Count()).Select(i => $"{i}"), g.Select(r => r.Split('|')[1])));
        Assert.Equal(["recs_published:2025-06-09"], notified);
        foreach (var output in new[] { "filtered_ads_views", "filtered_product_views", "top_ctr", "top_product" })
        {
            Assert.True(await harness.Bucket.ExistsAsync($"{harness.RunsPrefix}2025-06-09/{output}.parquet", Cancel), output);
        }
    }

    [Theory]
    [InlineData(SampleFormat.CsvGz, SampleLayout.Daily)]
    [InlineData(SampleFormat.Parquet, SampleLayout.Daily)]
    [InlineData(SampleFormat.Csv, SampleLayout.SingleFile)]
    [InlineData(SampleFormat.CsvGz, SampleLayout.SingleFile)]
    [InlineData(SampleFormat.Parquet, SampleLayout.SingleFile)]
    public async Task Every_format_and_layout_publishes_the_same_rows_as_daily_csv(SampleFormat format, SampleLayout layout)
    {
        await using var reference = await PipelineHarness.CreateAsync(Stack);
        await using var other = await PipelineHarness.CreateAsync(Stack);
        await reference.GenerateAsync(PipelineHarness.Tiny(Day, days: 3));
        await other.GenerateAsync(PipelineHarness.Tiny(Day, days: 3) with { Format = format, Layout = layout });

        await reference.EnqueueAsync(Day.AddDays(-1));
        await other.EnqueueAsync(Day.AddDays(-1));
        await reference.DrainAsync();
        await other.DrainAsync();

        foreach (var table in new[] { "top_ctr", "top_product", "daily_advertisers" })
        {
            var expected = await reference.PublishedAsync(table, Day.AddDays(-1));
            Assert.NotEmpty(expected);
            Assert.Equal(expected, await other.PublishedAsync(table, Day.AddDays(-1)));
        }
    }

    [Fact]
    public async Task Running_a_date_again_gives_identical_rows_and_byte_identical_outputs()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Day));
        await harness.EnqueueAsync(Day);
        await harness.DrainAsync();
        var firstRows = await harness.PublishedAsync("top_ctr", Day);
        var firstBytes = await harness.DownloadAsync($"{harness.RunsPrefix}2025-06-10/top_ctr.parquet");

        await harness.EnqueueAsync(Day);
        await harness.DrainAsync();

        Assert.Equal(firstRows, await harness.PublishedAsync("top_ctr", Day));
        Assert.Equal(firstBytes, await harness.DownloadAsync($"{harness.RunsPrefix}2025-06-10/top_ctr.parquet"));
        Assert.Equal(2L, await harness.ScalarAsync<long>("SELECT count(*) FROM pipeline_runs WHERE status = 'succeeded'"));
    }

    [Fact]
    public async Task Publishing_drops_dates_older_than_the_retention_window()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack, new Dictionary<string, string?> { ["Pipeline:RetentionDays"] = "3" });
        await harness.GenerateAsync(PipelineHarness.Tiny(Day, days: 5, rowsPerDay: 500));
        for (var day = Day.AddDays(-4); day <= Day; day = day.AddDays(1))
        {
            await harness.EnqueueAsync(day, "backfill");
        }

        await harness.DrainAsync();

        Assert.Equal(["2025-06-08", "2025-06-09", "2025-06-10"], await harness.RowsAsync("SELECT date FROM published_dates ORDER BY date"));
        Assert.Equal(["2025-06-08", "2025-06-09", "2025-06-10"], await harness.RowsAsync("SELECT DISTINCT date FROM daily_advertisers ORDER BY date"));
        Assert.Equal(0L, await harness.ScalarAsync<long>("SELECT count(*) FROM top_product WHERE date < '2025-06-08'"));
    }
}
