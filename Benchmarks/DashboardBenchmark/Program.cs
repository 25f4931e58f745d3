using System.Diagnostics;
using Recommender.Benchmarks.DashboardBenchmark;
using Recommender.Benchmarks.LoadBenchmark;
using Recommender.Tests.Infrastructure;

// Dashboard speed: a private PostgreSQL with generated published days, the built RecsApi and Dashboard
// on 127.0.0.1, and Chromium timing each page until it is interactive with its data (median of 5 warm
// loads), then the advertisers grid's page change on a larger data set. Stops all it started.
//   dotnet run -c Release --project Benchmarks/DashboardBenchmark [-- --size tiny|full]
#if DEBUG
Console.Error.WriteLine("Warning: a Debug build measures a Debug Dashboard; run with -c Release.");
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

// Tiny (CI, under a minute) measures both on one small stack; the grid needs more than seven pages of 25.
var pagesAdvertisers = settings.Tiny ? 200 : 1_000;
var gridAdvertisers = settings.Tiny ? 200 : 10_000;
var root = RepositoryRoot();
var clock = Stopwatch.StartNew();
Console.WriteLine($"Dashboard benchmark: pages at {pagesAdvertisers} advertisers x 7 days, grid page change at {gridAdvertisers}, " +
                  $"median of {PageTimer.Runs} warm runs, {Environment.ProcessorCount} cores");

var (playwright, browser) = await Chromium.LaunchAsync();
using var _ = playwright;
await using var __ = browser;

var pageTimes = new List<(string Page, double Ms)>();
var pageChange = 0.0;
await using (var stack = await Stack.StartAsync(root, settings with { Advertisers = pagesAdvertisers }))
{
    Console.WriteLine($"stack with {pagesAdvertisers} advertisers ready after {clock.Elapsed.TotalSeconds:F1} s");
    var advertiser = stack.Advertisers[stack.Advertisers.Count / 2];
    foreach (var (name, path, shows) in new[]
    {
        ("overview", "", "#latest-date"),
        ("advertisers", "advertisers", "#advertisers-grid tbody tr >> nth=0"),
        ("advertiser", $"advertisers/{advertiser}", "[data-model='top_ctr'] tbody tr >> nth=0"),
        ("statistics", "statistics", "#histogram tbody tr >> nth=0"),
    })
    {
        pageTimes.Add((name, await PageTimer.MedianLoadMsAsync(browser, new Uri(stack.Dashboard.BaseAddress, path), shows)));
    }

    if (settings.Tiny)
    {
        pageChange = await PageTimer.MedianGridPageChangeMsAsync(browser, new Uri(stack.Dashboard.BaseAddress, "advertisers"));
    }
}

if (!settings.Tiny)
{
    await using var stack = await Stack.StartAsync(root, settings with { Advertisers = gridAdvertisers });
    Console.WriteLine($"stack with {gridAdvertisers} advertisers ready after {clock.Elapsed.TotalSeconds:F1} s");
    pageChange = await PageTimer.MedianGridPageChangeMsAsync(browser, new Uri(stack.Dashboard.BaseAddress, "advertisers"));
}

Console.WriteLine();
Console.WriteLine($"{"page",-28} {"median ms",10} {"target",8}");
foreach (var (name, ms) in pageTimes)
{
    Console.WriteLine($"{name + " (interactive, data)",-28} {ms,10:F0} {"1500",8} {(ms <= 1500 ? "met" : "MISSED")}");
}

Console.WriteLine($"{"grid page change",-28} {pageChange,10:F0} {"300",8} {(pageChange <= 300 ? "met" : "MISSED")}");
Console.WriteLine($"total {clock.Elapsed.TotalSeconds:F0} s");
// Speed depends on the machine and its load; a page that fails to load throws and fails the run.
return 0;

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Recommender.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Recommender.sln not found above the benchmark's folder.");
}
