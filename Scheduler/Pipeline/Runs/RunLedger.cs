using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using Recommender.Contracts;
using Recommender.Scheduler.Pipeline.Engine;

namespace Recommender.Scheduler.Pipeline.Runs;

/// <summary>
/// The run ledger in PostgreSQL, which is also the durable queue. Every change a worker makes is
/// guarded by its lease: once a run is taken from a worker, that worker's writes stop counting.
/// </summary>
public sealed class RunLedger(NpgsqlDataSource dataSource)
{
    /// <summary>First key of the per-date advisory locks ("Recs"); the second is the date's day number.</summary>
    public const int DateLockClass = 0x5265_6373;

    private static readonly Dictionary<string, string> Scripts = new(StringComparer.Ordinal);

    public NpgsqlDataSource DataSource => dataSource;

    public static int DateLockKey(DateOnly date) => date.DayNumber - new DateOnly(2000, 1, 1).DayNumber;

    public Task<(long RunId, bool Created)> EnqueueAsync(DateOnly date, string trigger, int maxAttempts, CancellationToken cancellationToken) =>
        EnqueueAsync(date, trigger, maxAttempts, RunSources.Schedule, new RunParameters(AcceptVolume: false), cancellationToken);

    /// <summary>Queues a run recording who asked (<paramref name="source"/>) and with what.</summary>
    public async Task<(long RunId, bool Created)> EnqueueAsync(
        DateOnly date, string trigger, int maxAttempts, string source, RunParameters parameters, CancellationToken cancellationToken)
    {
        await using var command = Command("enqueue_run", date, trigger, maxAttempts, source, Json(parameters));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetBoolean(1));
    }

    /// <summary>
    /// A backfill of <paramref name="from"/>..<paramref name="to"/> in <paramref name="mode"/> (<see cref="ReprocessModes"/>):
    /// every date with its decision; a dry run queues nothing.
    /// </summary>
    public async Task<IReadOnlyList<(BackfillDate Date, bool Created)>> BackfillAsync(
        DateOnly from, DateOnly to, string mode, bool dryRun, int maxAttempts, string source, CancellationToken cancellationToken)
    {
        var parameters = new RunParameters(AcceptVolume: false, mode, from, to);
        await using var command = dryRun
            ? Command("plan_backfill", from, to, mode)
            : Command("backfill_runs", from, to, mode, RunTriggers.Backfill, maxAttempts, source, Json(parameters));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var dates = new List<(BackfillDate, bool)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            dates.Add((new BackfillDate(
                reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetBoolean(6)), reader.GetBoolean(4)));
        }

        return dates;
    }

    /// <summary>An operator's cancel (see <c>cancel_run</c>): null when there is no such run.</summary>
    public async Task<(string Status, string Outcome)?> CancelAsync(long runId, CancellationToken cancellationToken)
    {
        await using var command = Command("cancel_run", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(1), reader.GetString(2)) : null;
    }

    /// <summary>Ends the run cancelled if an operator asked for it while worker <paramref name="worker"/> held it.</summary>
    public async Task<bool> CancelIfRequestedAsync(long runId, string worker, CancellationToken cancellationToken)
    {
        await using var command = Command("cancel_if_requested", runId, worker);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<bool> CancelRequestedAsync(long runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT cancel_requested_at IS NOT NULL FROM pipeline_runs WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private static NpgsqlParameter Json(RunParameters parameters) => new()
    {
        NpgsqlDbType = NpgsqlDbType.Text,
        Value = JsonSerializer.Serialize(parameters, RecsJsonContext.Default.RunParameters),
    };

    public async Task<bool> ResumeAsync(long runId, CancellationToken cancellationToken)
    {
        await using var command = Command("resume_run", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && reader.GetBoolean(1);
    }

    public async Task<ClaimedRun?> ClaimAsync(string worker, TimeSpan lease, long? runId, CancellationToken cancellationToken)
    {
        await using var command = Command("claim_run", worker, (long)lease.TotalMilliseconds, Nullable(runId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ClaimedRun(reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4))
            : null;
    }

    /// <summary>
    /// Extends the lease and records the running steps' progress. Null when the run was taken from
    /// this worker; otherwise whether an operator asked to cancel it.
    /// </summary>
    public async Task<bool?> RenewLeaseAsync(
        long runId, string worker, TimeSpan lease, IReadOnlyList<StepMeterReading> progress, CancellationToken cancellationToken)
    {
        await using var command = Command("renew_lease", runId, worker, (long)lease.TotalMilliseconds,
            progress.Select(p => p.Step).ToArray(), progress.Select(p => p.Unit).ToArray(),
            progress.Select(p => p.Done).ToArray(), progress.Select(p => p.Total).ToArray());
        return await command.ExecuteScalarAsync(cancellationToken) is bool cancelRequested ? cancelRequested : null;
    }

    /// <summary>Re-queues runs whose worker died; returns them with their new status.</summary>
    public async Task<IReadOnlyList<(long RunId, DateOnly Date, string Status)>> RequeueExpiredAsync(CancellationToken cancellationToken)
    {
        await using var command = Command("requeue_expired", DateLockClass);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var taken = new List<(long, DateOnly, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            taken.Add((reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1), reader.GetString(2)));
        }

        return taken;
    }

    public Task ReleaseAsync(long runId, string worker, TimeSpan delay, CancellationToken cancellationToken) =>
        ExecuteAsync(Command("release_run", runId, worker, (long)delay.TotalMilliseconds), cancellationToken);

    public Task RetryLaterAsync(long runId, string worker, TimeSpan delay, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(Command("retry_run", runId, worker, (long)delay.TotalMilliseconds, error), cancellationToken);

    /// <summary>The volume guard held the run's day: it ends held with the guard's figures as its error.</summary>
    public Task HoldAsync(long runId, string worker, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(Command("hold_run", runId, worker, error), cancellationToken);

    public Task FailAsync(long runId, string worker, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(Command("fail_run", runId, worker, error), cancellationToken);

    public Task StepStartedAsync(long runId, string worker, string step, CancellationToken cancellationToken) =>
        ExecuteAsync(Command("step_started", runId, worker, step), cancellationToken);

    public Task StepFinishedAsync(
        long runId, string worker, string step, string status, long? rowsIn, long? rowsOut, string? outputKey, string? error, CancellationToken cancellationToken) =>
        ExecuteAsync(
            Command("step_finished", runId, worker, step, status, Nullable(rowsIn), Nullable(rowsOut), Nullable(outputKey), Nullable(error)),
            cancellationToken);

    public async Task AddDataQualityAsync(long runId, JsonObject findings, CancellationToken cancellationToken)
    {
        await using var command = Command("add_data_quality", runId);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = findings.ToJsonString() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Dictionary<string, string>> StepStatusesAsync(long runId, CancellationToken cancellationToken)
    {
        await using var command = Command("step_statuses", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            statuses[reader.GetString(0)] = reader.GetString(1);
        }

        return statuses;
    }

    public async Task<RunState?> GetAsync(long runId, CancellationToken cancellationToken) =>
        (await GetManyAsync([runId], cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<RunState>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await using (var command = Command("recent_runs", count))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        return [.. (await GetManyAsync(ids, cancellationToken)).OrderByDescending(r => r.Id)];
    }

    public async Task<IReadOnlyList<RunState>> GetManyAsync(IReadOnlyList<long> runIds, CancellationToken cancellationToken)
    {
        await using var command = Command("run_state", runIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(RunState Run, StepState? Step)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var run = new RunState(
                reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), [], reader.GetFieldValue<DateTimeOffset>(12),
                reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13),
                reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14),
                reader.GetString(15), reader.GetString(16));
            var step = reader.IsDBNull(7) ? null : new StepState(
                reader.GetString(7), reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetInt64(9),
                reader.IsDBNull(10) ? null : reader.GetInt64(10),
                reader.IsDBNull(11) ? null : reader.GetString(11));
            rows.Add((run, step));
        }

        return [.. rows.GroupBy(r => r.Run.Id).Select(g => g.First().Run with { Steps = [.. g.Where(r => r.Step is not null).Select(r => r.Step!)] })];
    }

    private NpgsqlCommand Command(string script, params object[] values)
    {
        string text;
        lock (Scripts)
        {
            if (!Scripts.TryGetValue(script, out text!))
            {
                Scripts[script] = text = Sql.Embedded(typeof(RunLedger), script);
            }
        }

        var command = dataSource.CreateCommand(text);
        foreach (var value in values)
        {
            command.Parameters.Add(value is NpgsqlParameter parameter ? parameter : new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static NpgsqlParameter Nullable(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Nullable(long? value) => new() { Value = value.HasValue ? value.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint };

    private static async Task<int> ExecuteAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
