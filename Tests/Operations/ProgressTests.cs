using System.Globalization;
using Recommender.Contracts;
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
}
