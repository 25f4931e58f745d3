using System.Data;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Recommender.RecsApi.Data;
using Recommender.RecsApi.Options;

namespace Recommender.RecsApi.Snapshot;

/// <summary>
/// Builds a <see cref="PublishedSnapshot"/> in one repeatable-read transaction: the dates the current
/// snapshot already holds at their current row version are kept, the others read as their stored compact copies, and a date
/// without one is built from the model tables and its copy stored for every later load and replica.
/// </summary>
public sealed partial class SnapshotLoader(IOptions<ApiOptions> options, ILogger<SnapshotLoader> logger)
{
    public async Task<PublishedSnapshot> LoadAsync(NpgsqlConnection connection, PublishedSnapshot? current, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var built = new List<SnapshotDay>();
        PublishedSnapshot snapshot;
        // Repeatable read: every query sees the same publication even if the pipeline commits meanwhile.
        await using (var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken))
        {
            var fingerprint = await PublicationFingerprint.ReadAsync(connection, cancellationToken);
            var published = await ReadPublishedDatesAsync(connection, cancellationToken);
            var kept = (current?.Days ?? []).ToDictionary(d => (d.Date, d.Version));
            var days = new Dictionary<DateOnly, SnapshotDay>();
            foreach (var (date, version) in published)
            {
                if (kept.TryGetValue((date, version), out var day))
                {
                    days[date] = day;
                }
            }

            var missing = published.Where(p => !days.ContainsKey(p.Date)).Select(p => p.Date).ToArray();
            foreach (var day in await ReadStoredAsync(connection, missing, cancellationToken))
            {
                days[day.Date] = day;
            }

            var stored = clock.ElapsedMilliseconds;
            foreach (var (date, version) in published.Where(p => !days.ContainsKey(p.Date)))
            {
                var day = SnapshotDay.Open(date, version, await SnapshotDayBuilder.BuildAsync(connection, date, cancellationToken));
                days[date] = day;
                built.Add(day);
            }

            await transaction.CommitAsync(cancellationToken);
            snapshot = new PublishedSnapshot(fingerprint, [.. published.Select(p => days[p.Date])], options.Value.ResponseCacheEntries);
            LogPhases(logger, published.Count - missing.Length, missing.Length - built.Count, stored, built.Count, clock.ElapsedMilliseconds - stored);
        }

        foreach (var day in built)
        {
            await StoreAsync(connection, day, cancellationToken);
        }

        return snapshot;
    }

    private static async Task<List<(DateOnly Date, long Version)>> ReadPublishedDatesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var dates = new List<(DateOnly, long)>();
        await using var batch = Sql.Batch(connection, "published_dates");
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            dates.Add((reader.Get<DateOnly>("date"), reader.Get<long>("version")));
        }

        return dates;
    }

    private static async Task<List<SnapshotDay>> ReadStoredAsync(NpgsqlConnection connection, DateOnly[] dates, CancellationToken cancellationToken)
    {
        var days = new List<SnapshotDay>();
        if (dates.Length == 0)
        {
            return days;
        }

        await using var batch = Sql.Batch(connection, "snapshot_days", dates, SnapshotDay.Format);
        // Sequential: each body (tens of MB) is read once, straight into its array.
        await using var reader = await batch.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var date = await reader.GetFieldValueAsync<DateOnly>(0, cancellationToken);
            var version = await reader.GetFieldValueAsync<long>(1, cancellationToken);
            days.Add(SnapshotDay.Open(date, version, await reader.GetFieldValueAsync<byte[]>(2, cancellationToken)));
        }

        return days;
    }

    /// <summary>Best effort: a copy that cannot be stored is built again by the next load.</summary>
    private async Task StoreAsync(NpgsqlConnection connection, SnapshotDay day, CancellationToken cancellationToken)
    {
        try
        {
            await using var batch = Sql.Batch(connection, "store_snapshot_day", day.Date, day.Version, SnapshotDay.Format, day.Body);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex)
        {
            LogStoreFailed(logger, day.Date, ex.MessageText);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot days: {Kept} kept from the current snapshot, {Stored} read as stored copies in {StoredMs} ms, {Built} built from the model tables in {BuiltMs} ms")]
    private static partial void LogPhases(ILogger logger, int kept, int stored, long storedMs, int built, long builtMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The compact copy of {Date} was not stored: {Reason}")]
    private static partial void LogStoreFailed(ILogger logger, DateOnly date, string reason);
}
