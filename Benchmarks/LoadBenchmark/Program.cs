using System.Diagnostics;
using System.Globalization;
using Recommender.Benchmarks.LoadBenchmark;

// Load benchmark of RecsApi: a private PostgreSQL with generated data, the Release API on 127.0.0.1,
// and wrk against /recommendations (spread over every advertiser and both models), a ceiling
// endpoint with a fixed body of the same size, /history and /stats. Bounded in time; stops all it started.
//   dotnet run -c Release --project Benchmarks/LoadBenchmark [-- --size tiny|full --duration S --connections N --advertisers N --ready-timeout S]
#if DEBUG
const string Configuration = "Debug";
Console.Error.WriteLine("Warning: a Debug build measures a Debug API; run with -c Release.");
#else
const string Configuration = "Release";
#endif

BenchmarkSettings settings;
try
{
    settings = BenchmarkSettings.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

if (!Wrk.IsInstalled())
{
    Console.Error.WriteLine("wrk is not installed (Debian: apt-get install -y wrk).");
    return 2;
}

var root = RepositoryRoot();
var clock = Stopwatch.StartNew();
Console.WriteLine($"RecsApi load benchmark: {settings.Advertisers} advertisers x {settings.Days} days, {settings.Connections} connections, " +
                  $"{settings.Threads} wrk threads, {settings.Duration} s per endpoint, {Environment.ProcessorCount} cores, load average {LoadAverage()}");

await using var postgres = await TempPostgres.StartAsync();
var advertisers = await BenchmarkData.CreateAsync(postgres.ConnectionString, root, settings);
Console.WriteLine($"PostgreSQL ready with data in {clock.Elapsed.TotalSeconds:F1} s");

// The first start after the data appeared builds each date's compact copy from the model tables and stores it, as the
// first replica does after a publish; the measured start reads the stored copies, as every later start and replica does.
await using (var first = await RecsApiServer.StartAsync(root, Configuration, postgres.ConnectionString, TimeSpan.FromSeconds(settings.ReadyTimeout)))
{
    Console.WriteLine($"RecsApi first start (builds and stores each date's compact copy) healthy {first.ReadyAfter.TotalSeconds:F1} s after its start; load average {LoadAverage()}");
}

await using var api = await RecsApiServer.StartAsync(root, Configuration, postgres.ConnectionString, TimeSpan.FromSeconds(settings.ReadyTimeout));
var (loadedRss, loadPeakRss) = api.Memory();
Console.WriteLine($"RecsApi ({Configuration}) healthy at {api.BaseAddress} {api.ReadyAfter.TotalSeconds:F1} s after its start " +
                  $"(RSS {Mib(loadedRss)}, peak while loading {Mib(loadPeakRss)}, {(double)loadedRss / settings.Advertisers / 1024:F1} KiB per advertiser); load average {LoadAverage()}");

string[] recommendations = [.. advertisers.SelectMany(a => new[] { $"/recommendations/{a}/top_ctr", $"/recommendations/{a}/top_product" })];
string[] history = [.. advertisers.Select(a => $"/history/{a}")];
string[] stats = [.. Enumerable.Range(1, (advertisers.Count + 49) / 50).Select(page => $"/stats?page={page}&page_size=50")];
// Prefix searches as the dashboard's advertiser search sends them: the first three characters of (at most 3,000) ids.
string[] search = [.. Spread([.. advertisers], 3_000).Select(a => $"/advertisers?q={a[..3]}").Distinct()];

// Every path (at most 3,000 evenly spread ones at large sizes) answers 200 before any is measured; the ceiling body is as long as the average answer.
var bodySize = await CheckAndMeasureAsync(api.BaseAddress, Spread([.. recommendations, .. history, .. stats, .. search], 3_000));
string[] ceiling = [$"/benchmark/ceiling/{bodySize}"];
// The ceiling runs before and after /recommendations, so a change in background load shows and averages out.
var scenarios = new[] { ("ceiling", ceiling), ("recommendations", recommendations), ("ceiling again", ceiling), ("history", history), ("stats", stats), ("advertisers?q=", search) };
foreach (var paths in new[] { ceiling, recommendations, history, stats, search })
{
    await Wrk.RunAsync(api.BaseAddress, paths, settings, settings.Tiny ? 1 : 2); // warm-up: JIT tiers, pools, caches
}

var results = new List<(string Name, WrkResult Result)>();
foreach (var (name, paths) in scenarios)
{
    var result = await Wrk.RunAsync(api.BaseAddress, paths, settings, settings.Duration);
    results.Add((name, result));
    Console.WriteLine($"  {name,-16} done: {result.RequestsPerSecond,10:N0} req/s");
}

Console.WriteLine();
Console.WriteLine($"{"endpoint",-16} {"req/s",10} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",8} {"errors",7}");
foreach (var (name, r) in results)
{
    Console.WriteLine($"{name,-16} {r.RequestsPerSecond,10:N0} {r.P50Ms,8:F2} {r.P90Ms,8:F2} {r.P99Ms,8:F2} {r.MaxMs,8:F2} {r.Errors,7}");
}

var ceilingRate = results.Where(r => r.Name.StartsWith("ceiling", StringComparison.Ordinal)).Average(r => r.Result.RequestsPerSecond);
var recsResult = results.Single(r => r.Name == "recommendations").Result;
var share = recsResult.RequestsPerSecond / ceilingRate;
var errors = results.Sum(r => r.Result.Errors);
Console.WriteLine();
Console.WriteLine($"ceiling body: {bodySize} bytes (average /recommendations body)");
Console.WriteLine($"/recommendations vs ceiling (mean of both ceiling runs, {ceilingRate:N0} req/s): {share:P0} (target >= 85 %) {(share >= 0.85 ? "met" : "MISSED")}");
Console.WriteLine($"/recommendations p99: {recsResult.P99Ms:F2} ms (target <= 5 ms) {(recsResult.P99Ms <= 5 ? "met" : "MISSED")}");
foreach (var (name, r) in results.Where(r => r.Name is "history" or "stats" or "advertisers?q="))
{
    Console.WriteLine($"/{name} p50: {r.P50Ms:F2} ms (target <= 5 ms) {(r.P50Ms <= 5 ? "met" : "MISSED")}");
}

Console.WriteLine($"RecsApi ready: {api.ReadyAfter.TotalSeconds:F1} s after its start (target <= 10 s) {(api.ReadyAfter.TotalSeconds <= 10 ? "met" : "MISSED")}");
Console.WriteLine($"errors: {errors} (target 0) {(errors == 0 ? "met" : "MISSED")}");
var (endRss, peakRss) = api.Memory();
Console.WriteLine($"RecsApi RSS after the run {Mib(endRss)}, peak {Mib(peakRss)}");
Console.WriteLine($"load average after the run: {LoadAverage()}; total {clock.Elapsed.TotalSeconds:F0} s");

// Speed targets depend on the machine and its load; errors never do.
return errors == 0 ? 0 : 1;

static async Task<int> CheckAndMeasureAsync(Uri server, IReadOnlyList<string> paths)
{
    using var http = new HttpClient { BaseAddress = server };
    long recommendationBytes = 0, recommendationCount = 0;
    foreach (var path in paths)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }

        if (path.StartsWith("/recommendations/", StringComparison.Ordinal))
        {
            recommendationBytes += body.Length;
            recommendationCount++;
        }
    }

    return (int)(recommendationBytes / recommendationCount);
}

static string Mib(long bytes) => $"{bytes / 1024.0 / 1024.0:N0} MiB";

static string[] Spread(string[] paths, int most) =>
    paths.Length <= most ? paths : [.. Enumerable.Range(0, most).Select(i => paths[(int)((long)i * paths.Length / most)])];

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Recommender.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run the benchmark from inside the repository (Recommender.sln not found above it).");
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
