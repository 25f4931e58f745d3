using System.Text.Json;

namespace Recommender.Benchmarks.LoadBenchmark;

/// <summary>One wrk run's figures. Errors count failed connections, reads, writes, timeouts and non-2xx answers.</summary>
internal sealed record WrkResult(long Requests, double Seconds, long Errors, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    public double RequestsPerSecond => Requests / Seconds;
}

/// <summary>Runs wrk against a list of paths (spread.lua walks them round-robin).</summary>
internal static class Wrk
{
    public static bool IsInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, "wrk")));

    public static async Task<WrkResult> RunAsync(Uri server, IReadOnlyList<string> paths, BenchmarkSettings settings, int seconds)
    {
        var pathsFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(pathsFile, paths);
            var script = Path.Combine(AppContext.BaseDirectory, "spread.lua");
            var output = await Processes.RunAsync(
                Processes.Command("wrk",
                [
                    $"-t{settings.Threads}", $"-c{settings.Connections}", $"-d{seconds}s", "--timeout", "2s",
                    "-s", script, server.ToString(), "--", pathsFile,
                ]),
                TimeSpan.FromSeconds(seconds + 30));
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
                ?? throw new InvalidOperationException("wrk printed no RESULT line:\n" + output);
            using var json = JsonDocument.Parse(line["RESULT ".Length..]);
            var r = json.RootElement;
            long Get(string name) => r.GetProperty(name).GetInt64();
            return new WrkResult(
                Get("requests"),
                Get("duration_us") / 1e6,
                Get("connect_errors") + Get("read_errors") + Get("write_errors") + Get("status_errors") + Get("timeouts"),
                Get("p50_us") / 1e3,
                Get("p90_us") / 1e3,
                Get("p99_us") / 1e3,
                Get("max_us") / 1e3);
        }
        finally
        {
            File.Delete(pathsFile);
        }
    }
}
