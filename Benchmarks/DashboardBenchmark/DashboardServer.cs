using System.Diagnostics;
using Recommender.Benchmarks.LoadBenchmark;

namespace Recommender.Benchmarks.DashboardBenchmark;

/// <summary>The built Dashboard on 127.0.0.1, reading the given RecsApi; killed on dispose.</summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly Process _process;

    private DashboardServer(Process process, Uri baseAddress) => (_process, BaseAddress) = (process, baseAddress);

    public Uri BaseAddress { get; }

    public static async Task<DashboardServer> StartAsync(string repositoryRoot, string configuration, Uri recsApi)
    {
        var dll = Path.Combine(repositoryRoot, "Dashboard", "bin", configuration, "net10.0", "Dashboard.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the benchmark, which builds the Dashboard alongside.");
        }

        var port = Processes.FreeLoopbackPort();
        var start = Processes.Command("dotnet", [dll]);
        start.WorkingDirectory = Path.GetDirectoryName(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        // Development serves the static web assets (MudBlazor's) from the build output, as the AppHost runs it.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["RecsApi__BaseAddress"] = recsApi.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The admin sign-in needs its secrets to start; the benchmark measures the read-only pages.
        start.Environment["Admin__Password"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        start.Environment["Admin__ApiKey"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");

        var process = Process.Start(start) ?? throw new InvalidOperationException("The Dashboard did not start.");
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new DashboardServer(process, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var health = await http.GetAsync("/health");
                if (health.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                await server.DisposeAsync();
                throw new InvalidOperationException("The Dashboard did not become healthy:\n" + string.Join('\n', log));
            }

            await Task.Delay(250);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
