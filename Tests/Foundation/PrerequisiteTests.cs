using System.Diagnostics;

namespace Recommender.Tests.Foundation;

/// <summary>The AppHost on a machine that lacks what the local stack needs: one message, no stack trace.</summary>
public sealed class PrerequisiteTests
{
    [Fact]
    public async Task Missing_postgres_binaries_and_node_stop_the_AppHost_with_one_message_naming_both()
    {
        var empty = Directory.CreateTempSubdirectory("recs-empty-").FullName;
        try
        {
            var (exitCode, output) = await RunAppHostAsync(
                ["--LocalStack:Runtime=processes", $"--LocalStack:PostgresBinDir={empty}", $"--LocalStack:DataDir={empty}"],
                path: empty);

            Assert.Equal(2, exitCode);
            var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                l => l.StartsWith("The local stack cannot start", StringComparison.Ordinal));
            Assert.Contains("PostgreSQL server", line, StringComparison.Ordinal);
            Assert.Contains("Node.js", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task Publishing_the_manifest_needs_no_local_prerequisites()
    {
        var empty = Directory.CreateTempSubdirectory("recs-empty-").FullName;
        try
        {
            var (exitCode, output) = await RunAppHostAsync(
                ["--publisher", "manifest", "--output-path", Path.Combine(empty, "manifest.json"), $"--LocalStack:PostgresBinDir={empty}"],
                path: empty);

            Assert.True(exitCode == 0, output);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAppHostAsync(string[] args, string path)
    {
        var dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "/usr/bin/dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AppHost.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A PATH with neither node nor npm on it.
        start.Environment["PATH"] = path;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + stderr);
    }
}
