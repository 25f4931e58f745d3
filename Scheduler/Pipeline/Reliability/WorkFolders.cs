using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Recommender.Scheduler.Pipeline.Reliability;

/// <summary>
/// The work folders in <c>Pipeline:TempDirectory</c>: <c>run-&lt;run&gt;-&lt;attempt&gt;-&lt;pid&gt;-…</c> per
/// run attempt and <c>duckdb-&lt;pid&gt;-…</c> per engine session. A killed worker leaves its folders
/// behind; <see cref="CleanAsync"/> removes those no live run or live process holds.
/// </summary>
public sealed partial class WorkFolders(NpgsqlDataSource dataSource, IOptions<PipelineOptions> options, ILogger<WorkFolders> logger)
{
    public static string RunFolderName(long runId, int attempt) =>
        $"run-{runId}-{attempt}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    public static string SessionFolderName() => $"duckdb-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>Deletes the folders of run attempts the ledger no longer has running and of engine sessions whose process is gone.</summary>
    public async Task CleanAsync(CancellationToken cancellationToken)
    {
        var root = options.Value.ResolveTempDirectory();
        if (!Directory.Exists(root))
        {
            return;
        }

        var live = await LiveAttemptsAsync(cancellationToken);
        long bytes = 0;
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            if (IsDead(Path.GetFileName(folder), live) && TryDelete(folder, out var size))
            {
                bytes += size;
                removed++;
            }
        }

        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} work folder(s) left by dead runs ({Megabytes:F1} MB)", removed, bytes / 1_048_576.0);
        }
    }

    private static bool IsDead(string name, HashSet<(long, int)> live)
    {
        if (RunFolder().Match(name) is { Success: true } run)
        {
            return !live.Contains((Number(run.Groups["run"].Value), (int)Number(run.Groups["attempt"].Value)));
        }

        return SessionFolder().Match(name) is { Success: true } session && !IsAlive((int)Number(session.Groups["pid"].Value));
    }

    private static long Number(string digits) => long.Parse(digits, CultureInfo.InvariantCulture);

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

    private async Task<HashSet<(long, int)>> LiveAttemptsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, attempt FROM pipeline_runs WHERE status = 'running' AND lease_expires_at > now()");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var live = new HashSet<(long, int)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            live.Add((reader.GetInt64(reader.GetOrdinal("id")), reader.GetInt32(reader.GetOrdinal("attempt"))));
        }

        return live;
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

    [GeneratedRegex("^run-(?<run>[0-9]{1,18})-(?<attempt>[0-9]{1,9})-[0-9]+-[0-9a-f]+$")]
    private static partial Regex RunFolder();

    [GeneratedRegex("^duckdb-(?<pid>[0-9]{1,9})-[0-9a-f]+$")]
    private static partial Regex SessionFolder();
}
