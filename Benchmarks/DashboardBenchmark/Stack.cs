using System.Security.Cryptography;
using Recommender.Benchmarks.LoadBenchmark;
using Recommender.Tests.Infrastructure;

namespace Recommender.Benchmarks.DashboardBenchmark;

/// <summary>PostgreSQL with generated published days, RecsApi reading it and the Dashboard reading RecsApi.</summary>
internal sealed class Stack : IAsyncDisposable
{
    private readonly TempPostgres _postgres;
    private readonly WebAppProcess _api;

    private Stack(TempPostgres postgres, WebAppProcess api, WebAppProcess dashboard, IReadOnlyList<string> advertisers) =>
        (_postgres, _api, Dashboard, Advertisers) = (postgres, api, dashboard, advertisers);

    public WebAppProcess Dashboard { get; }

    public IReadOnlyList<string> Advertisers { get; }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static async Task<Stack> StartAsync(string root, BenchmarkSettings settings)
    {
        var postgres = await TempPostgres.StartAsync();
        var advertisers = await BenchmarkData.CreateAsync(postgres.ConnectionString, root, settings);
        var api = await RecsApiServer.StartAsync(root, Configuration, postgres.ConnectionString, TimeSpan.FromSeconds(settings.ReadyTimeout));
        await CheckApiAsync(api.BaseAddress, advertisers[0]);
        var dashboard = await WebAppProcess.StartAsync(root, "Dashboard", Configuration, new Dictionary<string, string>
        {
            // Development serves the static web assets (MudBlazor's) from the build output, as the AppHost runs it.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["RecsApi__BaseAddress"] = api.BaseAddress.ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
            // The admin sign-in needs its secrets to start; the benchmark measures the read-only pages.
            ["Admin__Password"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["Admin__ApiKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
        }, TimeSpan.FromSeconds(60));
        return new Stack(postgres, api, dashboard, advertisers);
    }

    // Every call the pages make answers 200 before anything is timed.
    private static async Task CheckApiAsync(Uri api, string advertiser)
    {
        using var http = new HttpClient { BaseAddress = api };
        foreach (var path in new[] { "/dates", "/runs?page_size=1", "/runs/grid?days=14", "/stats/trend", "/stats?page_size=1", "/advertisers", $"/history/{advertiser}" })
        {
            using var response = await http.GetAsync(path);
            if (!response.IsSuccessStatusCode)
            {
                // Timed anyway: the page shows that view's error state, which is what a user would see.
                Console.WriteLine($"warning: RecsApi {path} answers {(int)response.StatusCode} on the benchmark database");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Dashboard.DisposeAsync();
        await _api.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}
