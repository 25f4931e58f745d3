using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Recommender.RecsApi.Options;

namespace Recommender.RecsApi.Snapshot;

/// <summary>
/// Keeps the snapshot current: LISTENs for <c>recs_published</c> on a connection of its own and
/// reloads when the pipeline publishes; between notifications it compares the publication
/// fingerprint every few seconds, in case one was missed. When PostgreSQL goes away it reconnects
/// with growing delays and catches up on what it missed.
/// </summary>
public sealed partial class SnapshotRefresher(
    NpgsqlDataSource dataSource,
    SnapshotLoader loader,
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
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        // Set by every notification, including those that arrive while a reload's queries run.
        var notified = 0;
        connection.Notification += (_, _) => Volatile.Write(ref notified, 1);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        // Whatever was published while we were not listening.
        await RefreshAsync(connection, force: store.Current is null, stoppingToken);
        connected();

        while (true)
        {
            var woken = await connection.WaitAsync(checkInterval, stoppingToken);
            do
            {
                Volatile.Write(ref notified, 0);
                await RefreshAsync(connection, force: woken, stoppingToken);
                woken = Volatile.Read(ref notified) == 1;
            }
            while (woken);
        }
    }

    private async Task RefreshAsync(NpgsqlConnection connection, bool force, CancellationToken cancellationToken)
    {
        if (!force && store.Current is { } current
            && await PublicationFingerprint.ReadAsync(connection, cancellationToken) == current.Fingerprint)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var snapshot = await loader.LoadAsync(connection, cancellationToken);
        store.Replace(snapshot);
        LogLoaded(logger, snapshot.LatestDate, snapshot.Latest.Count, snapshot.PublishedDates.Count, clock.ElapsedMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot loaded: latest date {LatestDate}, {Advertisers} advertisers on it, {Dates} published dates, in {ElapsedMs} ms")]
    private static partial void LogLoaded(ILogger logger, DateOnly? latestDate, int advertisers, int dates, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for publications failed; retrying in {DelaySeconds} s: {Reason}")]
    private static partial void LogListenFailed(ILogger logger, double delaySeconds, string reason);
}
