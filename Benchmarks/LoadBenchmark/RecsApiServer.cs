using System.Diagnostics;

namespace Recommender.Benchmarks.LoadBenchmark;

/// <summary>The Release build of RecsApi, started on 127.0.0.1 with the ceiling endpoint on; killed on dispose.</summary>
internal sealed class RecsApiServer : IAsyncDisposable
{
    public const string AdminKey = "load-benchmark-admin-key-0123456789";

    private readonly Process _process;

    private RecsApiServer(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>From process start to the first healthy /health: the snapshot of the latest date is in memory.</summary>
    public TimeSpan ReadyAfter { get; private set; }

    /// <summary>The API process's resident set now (VmRSS) and at its peak (VmHWM), from /proc.</summary>
    public (long Now, long Peak) Memory()
    {
        long Read(string field) => File.ReadLines($"/proc/{_process.Id}/status")
            .Where(l => l.StartsWith(field, StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024)
            .FirstOrDefault();
        return _process.HasExited ? (0, 0) : (Read("VmRSS:"), Read("VmHWM:"));
    }

    public static async Task<RecsApiServer> StartAsync(string repositoryRoot, string configuration, string connectionString, TimeSpan readyTimeout)
    {
        var dll = Path.Combine(repositoryRoot, "RecsApi", "bin", configuration, "net10.0", "RecsApi.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the benchmark, which builds RecsApi alongside.");
        }

        var port = Processes.FreeLoopbackPort();
        var start = Processes.Command("dotnet", [dll]);
        start.WorkingDirectory = Path.GetDirectoryName(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__recs"] = connectionString;
        start.Environment["Admin__ApiKey"] = AdminKey;
        start.Environment["Benchmark__CeilingEndpoint"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");

        var process = Process.Start(start) ?? throw new InvalidOperationException("RecsApi did not start.");
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new RecsApiServer(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var health = await http.GetAsync("/health");
                if (health.IsSuccessStatusCode)
                {
                    server.ReadyAfter = clock.Elapsed;
                    return server;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy loading to answer within the probe's 2 s.
            }

            if (process.HasExited || clock.Elapsed > readyTimeout)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException("RecsApi did not become healthy:\n" + string.Join('\n', log));
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
