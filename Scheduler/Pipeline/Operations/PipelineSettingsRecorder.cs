using Microsoft.Extensions.Options;
using Npgsql;
using Recommender.Scheduler.Pipeline.Schedule;

namespace Recommender.Scheduler.Pipeline.Operations;

/// <summary>
/// Records the Scheduler's effective settings in <c>pipeline_settings</c>: the Scheduler owns the
/// settings both services need, and RecsApi reads them from there (retention, max attempts).
/// </summary>
public sealed class PipelineSettingsRecorder(NpgsqlDataSource dataSource, IOptions<PipelineOptions> pipeline, IOptions<ScheduleOptions> schedule)
{
    private const string Upsert = """
        INSERT INTO pipeline_settings (id, retention_days, max_attempts, max_bad_row_share, min_row_share, schedule, time_zone, catch_up, recorded_at, recorded_by)
        VALUES (true, $1, $2, $3, $4, $5, $6, $7, clock_timestamp(), $8)
        ON CONFLICT (id) DO UPDATE SET
            retention_days = excluded.retention_days, max_attempts = excluded.max_attempts,
            max_bad_row_share = excluded.max_bad_row_share, min_row_share = excluded.min_row_share,
            schedule = excluded.schedule, time_zone = excluded.time_zone, catch_up = excluded.catch_up,
            recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by
        """;

    /// <summary>Who records: the machine and the process.</summary>
    public static string RecordedBy => $"{Environment.MachineName}/{Environment.ProcessId}";

    public async Task RecordAsync(CancellationToken cancellationToken)
    {
        var (p, s) = (pipeline.Value, schedule.Value);
        await using var command = dataSource.CreateCommand(Upsert);
        foreach (var value in new object[] { p.RetentionDays, p.MaxAttempts, p.MaxBadRowShare, p.MinRowShare, s.Enabled ? s.Cron : "", s.TimeZone, s.CatchUp.ToLowerInvariant(), RecordedBy })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
