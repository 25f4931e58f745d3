using Recommender.Benchmarks;
using Recommender.Scheduler.Pipeline.Engine;

// The pipeline benchmark (issues 3 and 12): dotnet run -c Release --project Benchmarks/PipelineBenchmark --
//   [--size tiny|full] [--repeats N] [--warm-up] [--skip-engine] [--skip-end-to-end] [--skip-big] [--big-csv] [--advertisers N]
// --warm-up runs the Scheduler's start-up warm-up before the engine's first run (cold = warm);
// --big-csv makes the big day CSV instead of Parquet; --advertisers N spreads the end-to-end days over N advertisers.
var sizeName = Option("--size") ?? "full";
var size = BenchmarkSize.Parse(sizeName);
if (size is null)
{
    Console.Error.WriteLine($"error: --size '{sizeName}' is not known; use tiny or full.");
    return 2;
}

if (Option("--repeats") is { } repeats)
{
    size = size with { EngineRepeats = Math.Max(1, Number(repeats)) };
}

var dataRoot = Option("--data") ?? Path.Combine(Path.GetTempPath(), "recs-benchmark-data");
var threads = Number(Option("--threads") ?? $"{Environment.ProcessorCount}");
var temp = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "recs-benchmark-spill")).FullName;
Console.WriteLine($"Pipeline benchmark, size {size.Name}: {Environment.ProcessorCount} processors, {threads} DuckDB threads, load average {LoadAverage()}");

if (!args.Contains("--skip-engine"))
{
    await RunEngineAsync();
}

if (!args.Contains("--skip-end-to-end"))
{
    var choices = new EndToEndChoices(!args.Contains("--skip-big"), args.Contains("--big-csv"), Number(Option("--advertisers") ?? "150"));
    var results = await EndToEndBenchmark.RunAsync(size, threads, choices);
    foreach (var result in results)
    {
        Console.WriteLine(
            $"[end-to-end] {result.Description}: {result.Elapsed.TotalSeconds:F1} s, {result.Rows / result.Elapsed.TotalSeconds:N0} rows/s, " +
            $"peak RSS {PeakMemory.Format(result.PeakRss)}, {result.Outcome}");
    }

    if (results.Any(r => r.Outcome != "succeeded"))
    {
        return 1;
    }
}

Console.WriteLine($"Load average at the end: {LoadAverage()}");
return 0;

async Task RunEngineAsync()
{
    var settings = new EngineSettings(threads, "1200MB", temp, 64);
    var engine = await EngineBenchmark.RunAsync(size, dataRoot, settings, args.Contains("--warm-up"));
    if (engine.WarmUp is { } warmUp)
    {
        Console.WriteLine($"[engine] warm-up before the first run: {warmUp.TotalSeconds:F2} s");
    }

    var first = engine.Fused[0];
    var later = engine.Fused.Skip(1).Order().ToList();
    var median = later.Count == 0 ? first : later[later.Count / 2];
    Console.WriteLine(
        $"[engine] {engine.Rows:N0} rows, 30 dates, both models: first run {first.TotalSeconds:F2} s ({engine.Rows / first.TotalSeconds:N0} rows/s), " +
        $"median of the next {engine.Fused.Count - 1} {median.TotalSeconds:F2} s ({engine.Rows / median.TotalSeconds:N0} rows/s), " +
        $"peak RSS {PeakMemory.Format(engine.FusedPeakRss)}; {engine.TopCtrRows:N0} top_ctr and {engine.TopProductRows:N0} top_product rows");
    Console.WriteLine($"[engine] every run: {string.Join(", ", engine.Fused.Select(t => $"{t.TotalSeconds:F2} s"))}");
    Console.WriteLine(
        $"[engine, staged through filtered Parquet files] {engine.Staged.TotalSeconds:F2} s, " +
        $"{engine.Rows / engine.Staged.TotalSeconds:N0} rows/s, peak RSS {PeakMemory.Format(engine.StagedPeakRss)}");
}

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static int Number(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
