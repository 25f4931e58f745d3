using System.Text.Json;
using Npgsql;
using Recommender.Contracts;

namespace Recommender.RecsApi.Data;

/// <summary>The pipeline's run ledger: read for /runs, written only through <c>enqueue_run()</c>.</summary>
public sealed class RunLedger(NpgsqlDataSource dataSource)
{
    public static readonly IReadOnlyList<string> Statuses = ["queued", "running", "succeeded", "failed"];

    public const string ManualTrigger = "manual";
    public const string BackfillTrigger = "backfill";

    public async Task<(IReadOnlyList<RunSummary> Runs, int Total)> GetRunsAsync(
        string? status, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = Sql.Batch(connection, "runs_page", status, limit, offset);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt32(0);
        await reader.NextResultAsync(cancellationToken);
        var runs = new List<RunSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(ReadSummary(reader));
        }

        return (runs, total);
    }

    public async Task<RunDetails?> GetRunAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = Sql.Batch(connection, "run_details", id);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var run = ReadSummary(reader);
        var findings = JsonSerializer.Deserialize(reader.GetString(13), RecsJsonContext.Default.DataQualityReport) ?? new DataQualityReport();
        await reader.NextResultAsync(cancellationToken);
        var steps = new List<RunStep>();
        while (await reader.ReadAsync(cancellationToken))
        {
            steps.Add(new RunStep(
                reader.GetString(0), reader.GetString(1),
                Nullable<DateTimeOffset>(reader, 2), Nullable<DateTimeOffset>(reader, 3),
                Nullable<long>(reader, 4), Nullable<long>(reader, 5),
                NullableString(reader, 6), NullableString(reader, 7)));
        }

        return new RunDetails(run, steps, findings);
    }

    /// <summary>
    /// Queues a run per date, in order, in one transaction (all or none). A date that already has a
    /// queued or running run gets that run back, marked not created.
    /// </summary>
    /// <summary>The operator's override of the volume guard: the run publishes its day even when it is far smaller than usual.</summary>
    public async Task AcceptVolumeAsync(long runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""UPDATE pipeline_runs SET parameters = parameters || '{"accept_volume": true}'::jsonb WHERE id = $1""");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = runId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<QueuedRun>> EnqueueAsync(IEnumerable<DateOnly> dates, string trigger, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var queued = new List<QueuedRun>();
        foreach (var date in dates)
        {
            await using var batch = Sql.Batch(connection, "enqueue_run", date, trigger);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            queued.Add(new QueuedRun(reader.GetInt64(0), date, reader.GetBoolean(1)));
        }

        await transaction.CommitAsync(cancellationToken);
        return queued;
    }

    private static RunSummary ReadSummary(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetFieldValue<DateOnly>(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetInt32(4),
        reader.GetInt32(5),
        reader.GetFieldValue<DateTimeOffset>(6),
        Nullable<DateTimeOffset>(reader, 7),
        Nullable<DateTimeOffset>(reader, 8),
        NullableString(reader, 9),
        NullableString(reader, 10),
        reader.GetInt32(11),
        reader.GetInt32(12));

    private static T? Nullable<T>(NpgsqlDataReader reader, int ordinal) where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
