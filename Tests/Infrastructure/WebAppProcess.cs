using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Recommender.Tests.Infrastructure;

/// <summary>
/// One of the repository's built web apps (RecsApi, Dashboard) as its own process on 127.0.0.1,
/// started as an operator would and healthy before it is handed out; what it prints is kept, and it
/// is killed on dispose. Used by tests and by the benchmarks.
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log;

    private WebAppProcess(Process process, ConcurrentQueue<string> log, Uri baseAddress) =>
        (_process, _log, BaseAddress) = (process, log, baseAddress);

    public Uri BaseAddress { get; }

    /// <summary>From process start to the first healthy /health.</summary>
    public TimeSpan ReadyAfter { get; private set; }

    /// <summary>What the process has printed so far, stdout and stderr, line by line.</summary>
    public IReadOnlyList<string> Log => [.. _log];

    /// <summary>The process's resident set now (VmRSS) and at its peak (VmHWM), from /proc.</summary>
    public (long Now, long Peak) Memory()
    {
        long Read(string field) => File.ReadLines($"/proc/{_process.Id}/status")
            .Where(l => l.StartsWith(field, StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024)
            .FirstOrDefault();
        return _process.HasExited ? (0, 0) : (Read("VmRSS:"), Read("VmHWM:"));
    }

    /// <summary>
    /// Starts <c>&lt;root&gt;/&lt;app&gt;/bin/&lt;configuration&gt;/net10.0/&lt;app&gt;.dll</c> with
    /// <paramref name="environment"/> (OpenTelemetry export off) and waits for /health to answer 200.
    /// </summary>
    public static async Task<WebAppProcess> StartAsync(
        string repositoryRoot, string app, string configuration, IReadOnlyDictionary<string, string> environment, TimeSpan readyTimeout)
    {
        var dll = System.IO.Path.Combine(repositoryRoot, app, "bin", configuration, "net10.0", $"{app}.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build {app} in {configuration} first.");
        }

        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = System.IO.Path.GetDirectoryName(dll),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");

        var log = new ConcurrentQueue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{app} did not start.");
        process.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new WebAppProcess(process, log, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var health = await http.GetAsync("health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    server.ReadyAfter = clock.Elapsed;
                    return server;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the probe's 2 s.
            }

            if (process.HasExited || clock.Elapsed > readyTimeout)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"{app} did not become healthy within {readyTimeout}:\n" + string.Join('\n', log));
            }

            await Task.Delay(250);
        }
    }

    /// <summary>A loopback port free right now.</summary>
    public static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
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
