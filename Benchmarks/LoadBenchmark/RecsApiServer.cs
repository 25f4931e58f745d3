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

    /// <summary>The server's resident memory in MiB, as Linux reports it (VmRSS); null elsewhere.</summary>
    public double? ResidentMiB()
    {
        var status = $"/proc/{_process.Id}/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)) : null;
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    public static async Task<RecsApiServer> StartAsync(string repositoryRoot, string configuration, string connectionString)
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
                    return server;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too slow to answer within the timeout on a loaded machine.
            }

            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(120))
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
