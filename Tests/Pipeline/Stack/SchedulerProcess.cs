using System.Diagnostics;
using Aspire.Hosting.Testing;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Pipeline.Stack;

/// <summary>The Scheduler binary as an operator starts it, pointed at a harness's database and key prefixes.</summary>
public static class SchedulerProcess
{
    public static async Task<ProcessStartInfo> StartInfoAsync(StackFixture stack, PipelineHarness harness, IDictionary<string, string>? settings, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Scheduler"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__recs"] = harness.ConnectionString;
        start.Environment["ConnectionStrings__storage"] = await stack.App.GetConnectionStringAsync("storage", TestContext.Current.CancellationToken);
        start.Environment["Pipeline__RawPrefix"] = harness.RawPrefix;
        start.Environment["Pipeline__RunsPrefix"] = harness.RunsPrefix;
        start.Environment["Pipeline__Threads"] = "1";
        start.Environment["Pipeline__MemoryLimit"] = "512MB";
        start.Environment["AWS_ACCESS_KEY_ID"] = "recommender-local";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "recommender-local";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return start;
    }

    /// <summary>Runs the binary to its end: exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        StackFixture stack, PipelineHarness harness, IDictionary<string, string>? settings, params string[] args)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var process = Process.Start(await StartInfoAsync(stack, harness, settings, args))!;
        var output = process.StandardOutput.ReadToEndAsync(cancel);
        var errors = process.StandardError.ReadToEndAsync(cancel);
        await process.WaitForExitAsync(cancel);
        return (process.ExitCode, await output, await errors);
    }
}
