using System.Diagnostics;
using Recommender.Scheduler.Pipeline.Engine;
using Recommender.Scheduler.SampleData;

namespace Recommender.Benchmarks;

/// <summary>
/// Part 1: the engine alone on local files — ads_views and product_views in the single-file CSV
/// layout spanning 30 days, 150 active + 50 inactive advertisers × 5,000 products — computing
/// both models for all 30 dates in one pass, as the original system's batch did. Measured two ways: fused (one DuckDB
/// session, no intermediate files: the headline figure, run several times) and staged (filter
/// writes the filtered Parquet files that the model steps read, as a pipeline run does).
/// </summary>
internal static class EngineBenchmark
{
    public static async Task<EngineFigures> RunAsync(BenchmarkSize size, string dataRoot, EngineSettings settings, bool warmUp)
    {
        var spec = new SampleDataSpec
        {
            ActiveAdvertisers = 150,
            InactiveAdvertisers = 50,
            ProductsPerAdvertiser = 5_000,
            Days = size.EngineDays,
            EndDate = new DateOnly(2026, 1, 30),
            RowsPerDay = size.EngineRowsPerDay,
            Layout = SampleLayout.SingleFile,
            Format = SampleFormat.Csv,
            Seed = 42,
        };
        var data = Path.Combine(dataRoot, $"engine-{size.Name}");
        if (!File.Exists(Path.Combine(data, "raw", "product_views.csv")))
        {
            Console.WriteLine($"Generating {spec.RowsPerDataset:N0} + {spec.RowsPerDataset:N0} rows into {data} (not timed)…");
            await new SampleDataGenerator().GenerateAsync(spec, new LocalFolderTarget(data), progress: null, CancellationToken.None);
        }

        var output = Directory.CreateTempSubdirectory("recs-bench-engine-").FullName;
        try
        {
            var engine = new PipelineEngine(settings);
            // What the Scheduler does at start (EngineWarmupService): with it, the first run below is a warm one.
            TimeSpan? warmUpTime = warmUp ? EngineWarmup.Run(engine) : null;
            var request = new FilterRequest(
                Path.Combine(data, "raw", "advertiser_ids.csv"),
                [new InputFile(Path.Combine(data, "raw", "ads_views.csv"), "raw/ads_views.csv", IsParquet: false)],
                [new InputFile(Path.Combine(data, "raw", "product_views.csv"), "raw/product_views.csv", IsParquet: false)],
                spec.StartDate,
                spec.EndDate,
                output);

            // The first run pays for the JIT, as a freshly started Scheduler does; the later ones show
            // the steady state of a long-running one. This machine's timings vary by ±15 %.
            var fused = new List<TimeSpan>();
            var fusedPeak = 0L;
            var result = default((FilterResult Filter, ModelResult TopCtr, ModelResult TopProduct)?);
            var clock = new Stopwatch();
            for (var run = 0; run < size.EngineRepeats; run++)
            {
                GC.Collect();
                PeakMemory.Reset();
                clock.Restart();
                result = engine.FilterAndRank(request, Path.Combine(output, "top_ctr.parquet"), Path.Combine(output, "top_product.parquet"));
                fused.Add(clock.Elapsed);
                fusedPeak = Math.Max(fusedPeak, PeakMemory.PeakBytes());
            }

            var (filter, topCtr, topProduct) = result!.Value;

            // The same work as the pipeline's steps do it, through the filtered Parquet files.
            GC.Collect();
            PeakMemory.Reset();
            clock.Restart();
            engine.Filter(request);
            await Task.WhenAll(
                Task.Run(() => engine.TopCtr(request.FilteredAdsViews, Path.Combine(output, "staged_top_ctr.parquet"))),
                Task.Run(() => engine.TopProduct(request.FilteredProductViews, Path.Combine(output, "staged_top_product.parquet"))));
            var staged = clock.Elapsed;
            var stagedPeak = PeakMemory.PeakBytes();

            var rows = filter.Datasets.Sum(d => d.RowsRead);
            return new EngineFigures(warmUpTime, rows, fused, fusedPeak, staged, stagedPeak, topCtr.RowsOut, topProduct.RowsOut);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}

internal sealed record EngineFigures(TimeSpan? WarmUp, long Rows, IReadOnlyList<TimeSpan> Fused, long FusedPeakRss, TimeSpan Staged, long StagedPeakRss, long TopCtrRows, long TopProductRows);
