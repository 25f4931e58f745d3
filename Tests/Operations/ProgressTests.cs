using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Recommender.Contracts;
using Recommender.Scheduler.Pipeline.Engine;
using Recommender.Scheduler.Pipeline.Runs;
using Recommender.Tests.Infrastructure;
using Recommender.Tests.Pipeline.Stack;

namespace Recommender.Tests.Operations;

public sealed class ProgressTests(StackFixture stack) : StackTest(stack)
{
    private static readonly DateOnly Day = new(2025, 11, 3);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Filter_progress_rises_in_bytes_of_the_known_input_while_a_day_of_millions_of_rows_runs()
    {
        await using var harness = await PipelineHarness.CreateAsync(Stack);
        await harness.GenerateAsync(PipelineHarness.Tiny(Day, rowsPerDay: 4_000_000) with { ActiveAdvertisers = 50, ProductsPerAdvertiser = 2_000 });
        var runId = await harness.EnqueueAsync(Day);
        var work = harness.NewWorker().ProcessNextAsync(cancellationToken: Cancel);

        var seen = new List<(long Done, long Total)>();
        while (!work.IsCompleted)
        {
            var row = await harness.RowsAsync(
                "SELECT progress_unit, progress_done, progress_total FROM pipeline_run_steps WHERE run_id = $1 AND step = 'filter' AND progress_updated_at IS NOT NULL",
                runId);
            if (row is [var reading] && reading.Split('|') is ["bytes", { } bytesDone, { } bytesTotal])
            {
                seen.Add((long.Parse(bytesDone, CultureInfo.InvariantCulture), long.Parse(bytesTotal, CultureInfo.InvariantCulture)));
            }

            await Task.Delay(100, Cancel);
        }

        Assert.Equal(RunOutcomeKind.Succeeded, (await work)!.Kind);
        var done = seen.Select(s => s.Done).Distinct().ToList();
        Assert.True(done.Count >= 2, $"progress was seen at {string.Join(", ", done)} bytes only");
        Assert.Equal(done.Order(), done);
        Assert.All(seen, s => Assert.InRange(s.Done, 0, s.Total));
        Assert.Single(seen.Select(s => s.Total).Distinct());
        Assert.Equal(
            [$"{StepNames.Filter}|||", $"{StepNames.TopCtr}|||", $"{StepNames.TopProduct}|||", $"{StepNames.Publish}|||"],
            await harness.RowsAsync(
                "SELECT step, progress_unit, progress_done, progress_total FROM pipeline_run_steps WHERE run_id = $1 ORDER BY array_position(ARRAY['filter', 'top_ctr', 'top_product', 'publish'], step)", runId));
    }
    [Fact]
    public async Task The_model_steps_report_rows_ranked_of_their_input_through_the_heartbeat()
    {
        var (harness, gate) = await GatedS3.HarnessAsync(Stack, Day);
        await using var disposal = harness;
        // Their outputs' uploads held: both steps have ranked and not finished, so their rows keep the last beat.
        gate.HoldUploads("/top_ctr.parquet");
        gate.HoldUploads("/top_product.parquet");
        var runId = await harness.EnqueueAsync(Day);
        var work = harness.NewWorker().ProcessNextAsync(cancellationToken: Cancel);

        const string Progress = """
            SELECT step, status, progress_unit, progress_done, progress_total FROM pipeline_run_steps
            WHERE run_id = $1 AND step IN ('top_ctr', 'top_product') AND progress_updated_at IS NOT NULL AND progress_done = progress_total
            ORDER BY step
            """;
        await LedgerPolling.UntilAsync(async () => (await harness.RowsAsync(Progress, runId)).Count == 2, "both model steps to report all their input ranked");
        var reported = await harness.RowsAsync(Progress, runId);
        gate.Release("/top_ctr.parquet");
        gate.Release("/top_product.parquet");

        Assert.Equal(RunOutcomeKind.Succeeded, (await work)!.Kind);
        var engine = harness.Services.GetRequiredService<PipelineEngine>();
        var inputs = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (step, file) in new[] { (StepNames.TopCtr, "filtered_ads_views.parquet"), (StepNames.TopProduct, "filtered_product_views.parquet") })
        {
            var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.parquet");
            await File.WriteAllBytesAsync(path, await harness.DownloadAsync($"{harness.RunsPrefix}{Day:yyyy-MM-dd}/{file}"), Cancel);
            inputs[step] = engine.ParquetRows(path, Cancel);
            File.Delete(path);
        }

        Assert.All(inputs.Values, rows => Assert.True(rows > 0));
        Assert.Equal(
            [$"{StepNames.TopCtr}|{StepStatuses.Running}|rows|{inputs[StepNames.TopCtr]}|{inputs[StepNames.TopCtr]}",
             $"{StepNames.TopProduct}|{StepStatuses.Running}|rows|{inputs[StepNames.TopProduct]}|{inputs[StepNames.TopProduct]}"],
            reported);
        Assert.Empty(await harness.RowsAsync("SELECT step FROM pipeline_run_steps WHERE run_id = $1 AND progress_unit IS NOT NULL", runId));
    }
}
