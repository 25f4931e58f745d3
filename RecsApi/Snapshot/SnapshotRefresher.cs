using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Recommender.RecsApi.Options;

namespace Recommender.RecsApi.Snapshot;

/// <summary>
/// Keeps the snapshot current: LISTENs for <c>recs_published</c> on a connection of its own and
/// reloads when the pipeline publishes; between notifications it compares the publication
/// fingerprint every few seconds, in case one was missed. Loads run on another connection, after
/// a random pause and holding one of the few load slots all replicas share, so the listener stays
/// idle and alive however long a load takes. When PostgreSQL goes away it reconnects with growing
/// delays and catches up on what it missed.
/// </summary>
public sealed partial class SnapshotRefresher(
    SnapshotDataSource dataSource,
    SnapshotLoader loader,
    SnapshotLoadSlots slots,
    SnapshotStore store,
    IOptions<SnapshotOptions> options,
    ILogger<SnapshotRefresher> logger) : BackgroundService
{
    public const string Channel = "recs_published";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(TimeSpan.FromSeconds(settings.CheckIntervalSeconds), () => delay = TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogListenFailed(logger, delay.TotalSeconds, ex.Message);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, settings.MaxReconnectDelaySeconds));
            }
        }
    }

    private async Task ListenAsync(TimeSpan checkInterval, Action connected, CancellationToken stoppingToken)
    {
        await using var listener = await dataSource.Source.OpenConnectionAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        // Whatever was published while we were not listening.
        var loaded = await RefreshAsync(force: store.Current is null, jitter: false, stoppingToken);
        connected();

        while (true)
        {
            var woken = await listener.WaitAsync(checkInterval, stoppingToken);
            // A notification that arrived during the previous load may be for what that load already read: the fingerprint tells.
            loaded = await RefreshAsync(force: woken && !loaded, jitter: woken, stoppingToken);
        }
    }

    /// <summary>Reloads when forced or when the publication fingerprint changed; says whether it did.</summary>
    private async Task<bool> RefreshAsync(bool force, bool jitter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.Source.OpenConnectionAsync(cancellationToken);
        if (!force && store.Current is { } current
            && await PublicationFingerprint.ReadAsync(connection, cancellationToken) == current.Fingerprint)
        {
            return false;
        }

        if (jitter)
        {
            await slots.JitterAsync(cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        var slot = await slots.AcquireAsync(connection, cancellationToken);
        var waited = clock.ElapsedMilliseconds;
        try
        {
            var snapshot = await loader.LoadAsync(connection, store.Current, cancellationToken);
            store.Replace(snapshot);
            LogLoaded(logger, snapshot.LatestDate, snapshot.Days.Count == 0 ? 0 : snapshot.Days[0].AdvertiserIds.Count, snapshot.PublishedDates.Count, clock.ElapsedMilliseconds, waited);
            // The advertiser index and the latest statistics, off the requests' path.
            _ = Task.Run(snapshot.Prepare, CancellationToken.None);
            return true;
        }
        finally
        {
            await SnapshotLoadSlots.ReleaseAsync(connection, slot);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot loaded: latest date {LatestDate}, {Advertisers} advertisers on it, {Dates} published dates, in {ElapsedMs} ms ({WaitedMs} ms of them waiting for a load slot)")]
    private static partial void LogLoaded(ILogger logger, DateOnly? latestDate, int advertisers, int dates, long elapsedMs, long waitedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for publications failed; retrying in {DelaySeconds} s: {Reason}")]
    private static partial void LogListenFailed(ILogger logger, double delaySeconds, string reason);
}
