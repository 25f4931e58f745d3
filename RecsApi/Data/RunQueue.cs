using System.Text.Json;
using Npgsql;
using Recommender.Contracts;

namespace Recommender.RecsApi.Data;

/// <summary>
/// The write side of the run ledger RecsApi may use: queue, backfill, resume and cancel runs, each
/// through the database function the Scheduler's CLI calls too, so the rules live in one place.
/// </summary>
public sealed class RunQueue(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Queues a run per date, in order, in one transaction (all or none). A date that already has a
    /// queued or running run gets that run back, marked not created.
    /// </summary>
    public async Task<IReadOnlyList<QueuedRun>> EnqueueAsync(
        IEnumerable<DateOnly> dates, string trigger, int maxAttempts, string source, RunParameters parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var queued = new List<QueuedRun>();
        foreach (var date in dates)
        {
            await using var batch = Sql.Batch(connection, "enqueue_run", date, trigger, maxAttempts, source, Json(parameters));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            queued.Add(new QueuedRun(reader.GetInt64(0), date, reader.GetBoolean(1)));
        }

        await transaction.CommitAsync(cancellationToken);
        return queued;
    }

    /// <summary>A backfill (or its dry run) as <c>plan_backfill()</c> decides: every date with what was done and why.</summary>
    public async Task<IReadOnlyList<(BackfillDate Date, bool Created)>> BackfillAsync(
        DateOnly from, DateOnly to, string mode, bool dryRun, int maxAttempts, string source, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = dryRun
            ? Sql.Batch(connection, "plan_backfill", from, to, mode)
            : Sql.Batch(connection, "backfill_runs", from, to, mode, RunTriggers.Backfill, maxAttempts, source, Json(new RunParameters(false, mode, from, to)));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var dates = new List<(BackfillDate, bool)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var runId = reader.GetOrdinal("run_id");
            var latest = reader.GetOrdinal("latest_run_status");
            dates.Add((new BackfillDate(
                reader.GetFieldValue<DateOnly>(reader.GetOrdinal("date")),
                reader.GetString(reader.GetOrdinal("decision")),
                reader.GetString(reader.GetOrdinal("reason")),
                reader.IsDBNull(runId) ? null : reader.GetInt64(runId),
                reader.IsDBNull(latest) ? null : reader.GetString(latest),
                reader.GetBoolean(reader.GetOrdinal("published"))), reader.GetBoolean(reader.GetOrdinal("created"))));
        }

        return dates;
    }

    /// <summary>Resumes a failed or held run; null when there is no such run, else whether it was resumed and its status now.</summary>
    public async Task<(bool Resumed, string Status)?> ResumeAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = Sql.Batch(connection, "resume_run", runId);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.IsDBNull(1) ? null : (reader.GetBoolean(0), reader.GetString(1));
    }

    /// <summary>An operator's cancel through <c>cancel_run()</c>; null when there is no such run.</summary>
    public async Task<(string Status, string Outcome)?> CancelAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = Sql.Batch(connection, "cancel_run", runId);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    private static string Json(RunParameters parameters) => JsonSerializer.Serialize(parameters, RecsJsonContext.Default.RunParameters);
}
