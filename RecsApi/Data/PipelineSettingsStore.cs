using Microsoft.Extensions.Options;
using Npgsql;
using Recommender.Contracts;
using Recommender.RecsApi.Http;
using Recommender.RecsApi.Options;

namespace Recommender.RecsApi.Data;

/// <summary>
/// The pipeline settings the Scheduler (their owner) recorded, read at most every
/// <see cref="RefreshAfter"/>. Retention falls back to <c>Api:RetentionDays</c> only while nothing is recorded.
/// </summary>
public sealed class PipelineSettingsStore(NpgsqlDataSource dataSource, IOptions<ApiOptions> options, TimeProvider clock, ILogger<PipelineSettingsStore> logger)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(30);

    private (PipelineSettings Settings, DateTimeOffset ReadAt)? _last;
    private DateTimeOffset _unreadableSince = DateTimeOffset.MinValue;

    /// <summary>The recorded settings, or null when the Scheduler has not recorded any yet.</summary>
    public async Task<PipelineSettings?> GetAsync(CancellationToken cancellationToken)
    {
        if (_last is { } last && clock.GetUtcNow() - last.ReadAt < RefreshAfter)
        {
            return last.Settings;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = Sql.Batch(connection, "pipeline_settings");
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var settings = new PipelineSettings(
            reader.GetInt32(reader.GetOrdinal("retention_days")),
            reader.GetInt32(reader.GetOrdinal("max_attempts")),
            reader.GetDouble(reader.GetOrdinal("max_bad_row_share")),
            reader.GetDouble(reader.GetOrdinal("min_row_share")),
            reader.GetString(reader.GetOrdinal("schedule")),
            reader.GetString(reader.GetOrdinal("time_zone")),
            reader.GetString(reader.GetOrdinal("catch_up")),
            reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("recorded_at")),
            reader.GetString(reader.GetOrdinal("recorded_by")));
        _last = (settings, clock.GetUtcNow());
        return settings;
    }

    /// <summary>Published dates kept: the recorded setting; the last one read or Api:RetentionDays while the database cannot say.</summary>
    public async Task<int> RetentionDaysAsync(CancellationToken cancellationToken)
    {
        // While the database is away, do not make every request wait for its connect timeout.
        if (clock.GetUtcNow() - _unreadableSince < RefreshAfter)
        {
            return _last?.Settings.RetentionDays ?? options.Value.RetentionDays;
        }

        try
        {
            return (await GetAsync(cancellationToken))?.RetentionDays ?? options.Value.RetentionDays;
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            logger.LogWarning("Pipeline settings unreadable ({Message}); using the last known retention", ex.Message);
            _unreadableSince = clock.GetUtcNow();
            return _last?.Settings.RetentionDays ?? options.Value.RetentionDays;
        }
    }

    /// <summary>Attempts for runs RecsApi queues: the recorded setting, else the pipeline's default.</summary>
    public async Task<int> MaxAttemptsAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken))?.MaxAttempts ?? DefaultMaxAttempts;

    /// <summary>The Scheduler's own default of Pipeline:MaxAttempts, for runs queued before it ever started.</summary>
    public const int DefaultMaxAttempts = 3;
}
