using System.Diagnostics;
using Recommender.Scheduler.Pipeline.Reliability;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Pipeline.Stack;

/// <summary>A killed worker's work folders are removed by the next worker; live ones stay.</summary>
public sealed class WorkFolderTests(StackFixture stack) : StackTest(stack)
{
    private static readonly DateOnly Day = new(2025, 8, 26);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_next_run_removes_the_folders_a_killed_worker_left_and_keeps_live_ones()
    {
        var temp = Directory.CreateTempSubdirectory("recs-workfolders-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["Pipeline:TempDirectory"] = temp,
            ["Pipeline:LeaseDuration"] = "00:00:03",
            ["Pipeline:HeartbeatInterval"] = "00:00:01",
        };
        await using var harness = await PipelineHarness.CreateAsync(Stack, settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        await harness.GenerateAsync(PipelineHarness.Tiny(Day));
        var runId = await harness.EnqueueAsync(Day);

        // The CLI's run waits in Publish with its work folder on disk; then it is killed.
        var publishLock = await HeldPublishLock.AcquireAsync(harness.DataSource);
        using var cli = Process.Start(await SchedulerProcess.StartInfoAsync(Stack, harness, settings, "run", "--date", "2025-08-26"))!;
        _ = cli.StandardOutput.ReadToEndAsync(Cancel);
        _ = cli.StandardError.ReadToEndAsync(Cancel);
        await HeldPublishLock.WaitForPublishAsync(harness, runId, cli.WaitForExitAsync(Cancel));
        var left = Directory.GetDirectories(temp).Select(Path.GetFileName).ToList();
        Assert.Contains(left, name => name!.StartsWith($"run-{runId}-1-{cli.Id}-", StringComparison.Ordinal));
        cli.Kill();
        await cli.WaitForExitAsync(Cancel);
        await publishLock.ReleaseAsync();
        await publishLock.DisposeAsync();

        // An engine session of the killed process, and one of a live process (this one).
        var deadSession = Directory.CreateDirectory(Path.Combine(temp, $"duckdb-{cli.Id}-{Guid.NewGuid():N}")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(deadSession, "spill.tmp"), new byte[4096], Cancel);
        var liveSession = Directory.CreateDirectory(Path.Combine(temp, WorkFolders.SessionFolderName())).FullName;
        var unrelated = Directory.CreateDirectory(Path.Combine(temp, "keep-me")).FullName;

        await harness.DrainAsync();

        Assert.Equal("succeeded", (await harness.RunAsync(runId)).Status);
        Assert.Equal(2, (await harness.RunAsync(runId)).Attempt);
        Assert.Equal(
            [Path.GetFileName(liveSession), Path.GetFileName(unrelated)],
            Directory.GetDirectories(temp).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Directory.Delete(temp, recursive: true);
    }
}
