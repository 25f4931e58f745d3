using System.Text.Json;
using Npgsql;
using Recommender.Contracts;

namespace Recommender.RecsApi.Data;

/// <summary>The pipeline's run ledger, read for /runs; <see cref="RunQueue"/> writes it.</summary>
public sealed class RunLedger(NpgsqlDataSource dataSource)
{
    public async Task<(IReadOnlyList<RunSummary> Runs, int Total)> GetRunsAsync(
        RunFilter filter, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadRunsAsync(connection, filter, limit, offset, cancellationToken);
    }

    public async Task<RunDetails?> GetRunAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (runs, _) = await ReadRunsAsync(connection, new RunFilter(Id: id), 1, 0, cancellationToken);
        if (runs is not [var run])
        {
            return null;
        }

        await using var batch = Sql.Batch(connection, "run_details", id);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var findings = new DataQualityReport();
        if (await reader.ReadAsync(cancellationToken))
        {
            findings = JsonSerializer.Deserialize(reader.Get<string>("data_quality"), RecsJsonContext.Default.DataQualityReport) ?? findings;
        }

        await reader.NextResultAsync(cancellationToken);
        var steps = new List<RunStep>();
        while (await reader.ReadAsync(cancellationToken))
        {
            steps.Add(ReadStep(reader));
        }

        return new RunDetails(run, steps, findings);
    }

    /// <summary>
    /// The <paramref name="days"/> logical dates ending <paramref name="lastDate"/>, newest first, each
    /// with its latest run and that run's steps in pipeline order, in one query.
    /// </summary>
    public async Task<RunGrid> GetGridAsync(DateOnly lastDate, int days, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = Sql.Batch(connection, "run_grid", lastDate, days);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var dates = new List<RunGridDate>();
        List<RunGridStep>? steps = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var date = reader.Get<DateOnly>("date");
            if (dates.Count == 0 || dates[^1].Date != date)
            {
                steps = [];
                var latest = reader.Maybe<long>("run_id") is { } runId
                    ? new RunGridRun(
                        runId, reader.Get<string>("status"), reader.Get<string>("trigger"), reader.Get<DateTimeOffset>("queued_at"),
                        reader.Maybe<DateTimeOffset>("started_at"), reader.Maybe<DateTimeOffset>("finished_at"),
                        Seconds(reader.Maybe<double>("duration_seconds")), steps)
                    : null;
                dates.Add(new RunGridDate(date, reader.Get<bool>("published"), reader.Get<int>("runs"), latest));
            }

            if (reader.MaybeString("step") is { } step)
            {
                steps!.Add(new RunGridStep(step, reader.Get<string>("step_status"), Seconds(reader.Maybe<double>("step_duration_seconds"))));
            }
        }

        return new RunGrid(days, StepNames.All, dates);
    }

    private static async Task<(IReadOnlyList<RunSummary> Runs, int Total)> ReadRunsAsync(
        NpgsqlConnection connection, RunFilter filter, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var batch = Sql.Batch(connection, "runs_page", filter.Status, limit, offset, filter.Trigger, filter.From, filter.To, filter.Id);
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

    private static RunSummary ReadSummary(NpgsqlDataReader reader)
    {
        var counts = new StepCounts(
            reader.Get<int>("pending"), reader.Get<int>("running"), reader.Get<int>("succeeded"), reader.Get<int>("reused"),
            reader.Get<int>("failed"), reader.Get<int>("skipped"), reader.Get<int>("cancelled"));
        return new RunSummary(
            reader.Get<long>("id"),
            reader.Get<DateOnly>("logical_date"),
            reader.Get<string>("trigger"),
            reader.Get<string>("status"),
            reader.Get<int>("attempt"),
            reader.Get<int>("max_attempts"),
            reader.Get<DateTimeOffset>("queued_at"),
            reader.Maybe<DateTimeOffset>("started_at"),
            reader.Maybe<DateTimeOffset>("finished_at"),
            reader.MaybeString("worker"),
            reader.MaybeString("error"),
            reader.Get<int>("total"),
            counts.Succeeded + counts.Reused,
            counts,
            reader.Get<string>("source"),
            ReadParameters(reader.Get<string>("parameters")),
            Seconds(reader.Maybe<double>("duration_seconds")),
            reader.Get<bool>("cancel_requested"),
            reader.Get<bool>("cancel_too_late"));
    }

    /// <summary>What the run was queued with; null when it recorded nothing (the column's default, <c>{}</c>).</summary>
    private static RunParameters? ReadParameters(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.EnumerateObject().Any()
            ? document.RootElement.Deserialize(RecsJsonContext.Default.RunParameters)
            : null;
    }

    private static RunStep ReadStep(NpgsqlDataReader reader)
    {
        var status = reader.Get<string>("status");
        var startedAt = reader.Maybe<DateTimeOffset>("started_at");
        var progress = reader.MaybeString("progress_unit") is { } unit
            ? ProgressEstimate.Of(
                unit, reader.Maybe<long>("progress_done") ?? 0, reader.Maybe<long>("progress_total"),
                reader.Maybe<DateTimeOffset>("progress_updated_at") ?? startedAt ?? DateTimeOffset.UtcNow, startedAt,
                status == StepStatuses.Running)
            : null;
        return new RunStep(
            reader.Get<string>("step"), status,
            startedAt, reader.Maybe<DateTimeOffset>("finished_at"),
            reader.Maybe<long>("rows_in"), reader.Maybe<long>("rows_out"),
            reader.MaybeString("output_key"), reader.MaybeString("error"),
            Seconds(reader.Maybe<double>("duration_seconds")), progress);
    }

    private static double? Seconds(double? seconds) => seconds is { } value ? Math.Round(value, 3) : null;
}
