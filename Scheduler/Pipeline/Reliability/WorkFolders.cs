using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Recommender.Scheduler.Pipeline.Reliability;

/// <summary>
/// The work folders in <c>Pipeline:TempDirectory</c>: <c>run-&lt;run&gt;-&lt;attempt&gt;-&lt;pid&gt;-…</c> per
/// run attempt and <c>duckdb-&lt;pid&gt;-…</c> per engine session. A killed worker leaves its folders
/// behind; <see cref="CleanAsync"/> removes those whose process is gone, and this process's run
/// folders that no run of it holds any more. The process id decides, not the ledger: processes with
/// ledgers of their own (other stacks, tests) may share the folder.
/// </summary>
public sealed partial class WorkFolders(IOptions<PipelineOptions> options, ILogger<WorkFolders> logger)
{
    private static readonly ConcurrentDictionary<string, byte> InUse = new(StringComparer.Ordinal);

    /// <summary>Creates a run attempt's folder, held by this process until <see cref="Release"/>.</summary>
    public static DirectoryInfo CreateRunFolder(string root, long runId, int attempt)
    {
        var name = $"run-{runId}-{attempt}-{Environment.ProcessId}-{Guid.NewGuid():N}";
        InUse[name] = 0;
        return Directory.CreateDirectory(Path.Combine(root, name));
    }

    /// <summary>Deletes a run attempt's folder and lets go of it.</summary>
    public static void Release(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        finally
        {
            InUse.TryRemove(folder.Name, out _);
        }
    }

    public static string SessionFolderName() => $"duckdb-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>Deletes the folders no live process holds.</summary>
    public Task CleanAsync(CancellationToken cancellationToken)
    {
        var root = options.Value.ResolveTempDirectory();
        if (!Directory.Exists(root))
        {
            return Task.CompletedTask;
        }

        long bytes = 0;
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (IsDead(Path.GetFileName(folder)) && TryDelete(folder, out var size))
            {
                bytes += size;
                removed++;
            }
        }

        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} work folder(s) left by dead runs ({Megabytes:F1} MB)", removed, bytes / 1_048_576.0);
        }

        return Task.CompletedTask;
    }

    private static bool IsDead(string name)
    {
        if (RunFolder().Match(name) is { Success: true } run)
        {
            var pid = (int)Number(run.Groups["pid"].Value);
            return pid == Environment.ProcessId ? !InUse.ContainsKey(name) : !IsAlive(pid);
        }

        return SessionFolder().Match(name) is { Success: true } session && !IsAlive((int)Number(session.Groups["pid"].Value));
    }

    private static long Number(string digits) => long.Parse(digits, CultureInfo.InvariantCulture);

    /// <summary>This process's sessions count as alive: they remove their own folders.</summary>
    private static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private bool TryDelete(string folder, out long bytes)
    {
        bytes = 0;
        try
        {
            bytes = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            Directory.Delete(folder, recursive: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not remove the work folder {Folder}: {Message}", folder, ex.Message);
            return false;
        }
    }

    [GeneratedRegex("^run-(?<run>[0-9]{1,18})-(?<attempt>[0-9]{1,9})-(?<pid>[0-9]{1,9})-[0-9a-f]+$")]
    private static partial Regex RunFolder();

    [GeneratedRegex("^duckdb-(?<pid>[0-9]{1,9})-[0-9a-f]+$")]
    private static partial Regex SessionFolder();
}
