using System.Diagnostics;

namespace Recommender.Benchmarks.LoadBenchmark;

internal static class Processes
{
    /// <summary>The arguments that make <c>setpriv</c> run a command as the <c>postgres</c> OS user.</summary>
    public static readonly string[] AsPostgres = ["--reuid=postgres", "--regid=postgres", "--init-groups"];

    public static ProcessStartInfo Command(string file, IEnumerable<string> args, bool asPostgres = false)
    {
        var start = new ProcessStartInfo(asPostgres ? "setpriv" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in asPostgres ? [.. AsPostgres, file, .. args] : args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>Runs a command to its end (at most <paramref name="timeout"/>) and returns its output; throws on failure.</summary>
    public static async Task<string> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        using var cancel = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var error = process.StandardError.ReadToEndAsync(cancel.Token);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{start.FileName} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {await error}");
        }

        return await output;
    }
}
