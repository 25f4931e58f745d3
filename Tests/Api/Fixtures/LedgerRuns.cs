using Npgsql;
using NpgsqlTypes;
using Recommender.Contracts;
using Recommender.Scheduler.Pipeline.Runs;

namespace Recommender.Tests.Api.Fixtures;

/// <summary>
/// Writes runs into the ledger as a worker of its own would: a run is inserted already running,
/// leased to this fixture's worker for an hour (so the stack's Scheduler neither takes nor requeues
/// it), and then moved through its steps with the Scheduler's own <see cref="RunLedger"/>. Dispose
/// deletes every run it wrote.
/// </summary>
public sealed class LedgerRuns(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private readonly RunLedger _ledger = new(dataSource);
    private readonly List<long> _runs = [];

    public string Worker { get; } = $"ledger-test-{Guid.NewGuid():N}";

    /// <summary>A run of <paramref name="date"/> that has started, with all four steps pending.</summary>
    public async Task<long> StartAsync(DateOnly date, string trigger = RunTriggers.Manual, string source = "schedule", string parameters = "{}")
    {
        await using var command = dataSource.CreateCommand("""
            WITH run AS (
                INSERT INTO pipeline_runs (logical_date, trigger, status, attempt, started_at, heartbeat_at, lease_expires_at, worker, source, parameters)
                VALUES ($1, $2, 'running', 1, now(), now(), now() + interval '1 hour', $3, $4, $5::jsonb)
                RETURNING id
            ), steps AS (
                INSERT INTO pipeline_run_steps (run_id, step) SELECT run.id, step FROM run, unnest($6::text[]) AS step
            )
            SELECT id FROM run
            """);
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = date, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = trigger });
        command.Parameters.Add(new NpgsqlParameter { Value = Worker });
        command.Parameters.Add(new NpgsqlParameter { Value = source });
        command.Parameters.Add(new NpgsqlParameter { Value = parameters });
        command.Parameters.Add(new NpgsqlParameter { Value = StepNames.All.ToArray() });
        var id = (long)(await command.ExecuteScalarAsync())!;
        _runs.Add(id);
        return id;
    }

    /// <summary>Runs every step before <paramref name="step"/> to success.</summary>
    public async Task SucceedStepsBeforeAsync(long runId, string step)
    {
        foreach (var earlier in StepNames.All.TakeWhile(s => s != step))
        {
            await _ledger.StepStartedAsync(runId, Worker, earlier, CancellationToken.None);
            await _ledger.StepFinishedAsync(runId, Worker, earlier, StepStatuses.Succeeded, 100, 90, null, null, CancellationToken.None);
        }
    }

    /// <summary>A run of <paramref name="date"/> that failed in <paramref name="step"/>, the steps before it succeeded.</summary>
    public async Task<long> FailAtAsync(DateOnly date, string step, string trigger = RunTriggers.Manual)
    {
        var runId = await StartAsync(date, trigger);
        await SucceedStepsBeforeAsync(runId, step);
        await _ledger.StepStartedAsync(runId, Worker, step, CancellationToken.None);
        await _ledger.FailAsync(runId, Worker, $"{step} broke", CancellationToken.None);
        return runId;
    }

    /// <summary>A run of <paramref name="date"/> whose every step succeeded, marked succeeded as Publish marks it.</summary>
    public async Task<long> SucceedAsync(DateOnly date, string trigger = RunTriggers.Manual)
    {
        var runId = await StartAsync(date, trigger);
        await SucceedStepsBeforeAsync(runId, "");
        await ExecuteAsync(
            "UPDATE pipeline_runs SET status = 'succeeded', finished_at = now(), lease_expires_at = NULL WHERE id = $1", runId);
        return runId;
    }

    /// <summary>Adds findings to the run's data-quality document, as Filter does.</summary>
    public Task AddDataQualityAsync(long runId, string json) =>
        _ledger.AddDataQualityAsync(runId, System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject(), CancellationToken.None);

    public Task StartStepAsync(long runId, string step) => _ledger.StepStartedAsync(runId, Worker, step, CancellationToken.None);

    /// <summary>Sets a step's timing as if it had started <paramref name="startedSecondsAgo"/> and ran <paramref name="seconds"/> (null: still running).</summary>
    public Task TimeStepAsync(long runId, string step, double startedSecondsAgo, double? seconds) => ExecuteAsync("""
        UPDATE pipeline_run_steps
        SET started_at = now() - $3 * interval '1 second',
            finished_at = CASE WHEN $4::double precision IS NULL THEN NULL ELSE now() - ($3 - $4) * interval '1 second' END
        WHERE run_id = $1 AND step = $2
        """, runId, step, startedSecondsAgo, Nullable(seconds, NpgsqlDbType.Double));

    /// <summary>Records a running step's progress as the worker's heartbeat would, <paramref name="updatedSecondsAgo"/> ago.</summary>
    public Task ReportProgressAsync(long runId, string step, string unit, long done, long? total, double updatedSecondsAgo = 0) => ExecuteAsync("""
        UPDATE pipeline_run_steps
        SET progress_unit = $3, progress_done = $4, progress_total = $5, progress_updated_at = now() - $6 * interval '1 second'
        WHERE run_id = $1 AND step = $2
        """, runId, step, unit, done, Nullable(total, NpgsqlDbType.Bigint), (double)updatedSecondsAgo);

    public async ValueTask DisposeAsync()
    {
        if (_runs.Count > 0)
        {
            await ExecuteAsync("DELETE FROM pipeline_runs WHERE id = ANY($1)", _runs.ToArray());
        }
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlParameter Nullable<T>(T? value, NpgsqlDbType type) where T : struct =>
        new() { Value = value.HasValue ? value.Value : DBNull.Value, NpgsqlDbType = type };
}
