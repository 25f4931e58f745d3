using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Recommender.Scheduler.Database;
using Recommender.Scheduler.Extensions;
using Recommender.Scheduler.Pipeline.Runs;
using Recommender.Scheduler.SampleData;
using Recommender.Scheduler.Storage;

namespace Recommender.Benchmarks;

/// <summary>
/// Part 2: one day end to end — raw objects in S3 (the emulator) to published rows in PostgreSQL —
/// through the real pipeline services: 10M + 10M rows of CSV, then 100M + 100M rows of Parquet
/// (or CSV with <c>--big-csv</c>) with DuckDB limited to 4 GB (it must spill, not fail).
/// <c>--advertisers N</c> spreads the rows over N active advertisers instead of 150.
/// </summary>
internal static class EndToEndBenchmark
{
    private static readonly DateOnly Day = new(2026, 1, 30);

    public static async Task<IReadOnlyList<EndToEndFigures>> RunAsync(BenchmarkSize size, int threads, EndToEndChoices choices)
    {
        Console.WriteLine("Starting PostgreSQL and the S3 emulator…");
        await using var servers = await LocalServers.StartAsync();
        await using (var dataSource = NpgsqlDataSource.Create(servers.PostgresConnectionString))
        {
            await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        }

        var results = new List<EndToEndFigures>
        {
            await RunDayAsync(servers, threads, "csv", SampleFormat.Csv, size.DayRows, "2GB", choices.Advertisers),
        };
        if (choices.IncludeBig)
        {
            var (name, format) = choices.BigCsv ? ("big-csv", SampleFormat.Csv) : ("parquet", SampleFormat.Parquet);
            results.Add(await RunDayAsync(servers, threads, name, format, size.BigDayRows, "4GB", choices.Advertisers));
        }

        return results;
    }

    private static async Task<EndToEndFigures> RunDayAsync(LocalServers servers, int threads, string name, SampleFormat format, long rows, string memoryLimit, int advertisers)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:recs"] = servers.PostgresConnectionString,
            ["ConnectionStrings:storage"] = servers.StorageConnectionString,
            ["Pipeline:RawPrefix"] = $"{name}/raw/",
            ["Pipeline:RunsPrefix"] = $"{name}/runs/",
            ["Pipeline:Threads"] = $"{threads}",
            ["Pipeline:MemoryLimit"] = memoryLimit,
            ["Pipeline:MaxAttempts"] = "1",
            ["Pipeline:StepTimeout"] = "02:00:00",
        });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.AddPipeline();
        using var host = builder.Build();

        var spec = new SampleDataSpec
        {
            ActiveAdvertisers = advertisers,
            // The generator takes at most 100,000 advertisers in all.
            InactiveAdvertisers = Math.Min(Math.Max(50, advertisers / 3), 100_000 - advertisers),
            // 5,000 products each at the usual 150 advertisers; fewer when there are many, so the catalog stays ~750,000 ids.
            ProductsPerAdvertiser = Math.Clamp(750_000 / advertisers, 100, 5_000),
            Days = 1,
            EndDate = Day,
            RowsPerDay = rows,
            Format = format,
            Prefix = $"{name}/raw/",
            Seed = 42,
        };
        Console.WriteLine($"Generating {rows:N0} + {rows:N0} rows of {format} for one day into S3 (not timed)…");
        var generated = await new SampleDataGenerator().GenerateAsync(spec, new BucketTarget(host.Services.GetRequiredService<Bucket>()), null, CancellationToken.None);
        Console.WriteLine($"  generated and uploaded in {generated.Elapsed.TotalSeconds:F0} s");

        var ledger = host.Services.GetRequiredService<RunLedger>();
        var (runId, _) = await ledger.EnqueueAsync(Day, "manual", 1, CancellationToken.None);
        var worker = host.Services.GetRequiredService<PipelineWorker>();
        var steps = new List<string>();
        GC.Collect();
        PeakMemory.Reset();
        var clock = Stopwatch.StartNew();
        var outcome = await worker.ProcessNextAsync(runId, new StepLog(steps, clock), CancellationToken.None);
        var elapsed = clock.Elapsed;
        var peak = PeakMemory.PeakBytes();
        foreach (var step in steps)
        {
            Console.WriteLine($"  {step}");
        }

        Console.WriteLine($"  S3 emulator peak RSS so far {PeakMemory.Format(servers.EmulatorPeakBytes)}");
        return new EndToEndFigures(
            $"{rows:N0} + {rows:N0} rows, {format}, {advertisers:N0} advertisers, memory_limit {memoryLimit}", rows * 2, elapsed, peak,
            outcome is { Kind: RunOutcomeKind.Succeeded } ? "succeeded" : $"FAILED: {outcome?.Error ?? "not claimed"}");
    }

    private sealed class StepLog(List<string> lines, Stopwatch clock) : IProgress<StepProgress>
    {
        public void Report(StepProgress value)
        {
            lock (lines)
            {
                lines.Add($"{clock.Elapsed.TotalSeconds,6:F1} s  {value.Step,-12} {value.Status,-10} {value.RowsIn:N0} {value.Error}");
            }
        }
    }
}

/// <summary>Which days the end-to-end part runs: the big day or not, as CSV or Parquet, over how many advertisers.</summary>
internal sealed record EndToEndChoices(bool IncludeBig, bool BigCsv, int Advertisers);

internal sealed record EndToEndFigures(string Description, long Rows, TimeSpan Elapsed, long PeakRss, string Outcome);
