using Microsoft.Extensions.Options;
using Npgsql;
using Recommender.RecsApi.Options;

namespace Recommender.RecsApi.Http;

/// <summary>
/// Logs a PostgreSQL outage as three kinds of line instead of one per 503: once when it starts, a
/// summary with counts at most once per <c>Api:OutageLogInterval</c> while it lasts, and once when a
/// probe finds the database back. The probe runs in this hosted service, started by the first 503 of
/// an outage and stopped with the application.
/// </summary>
public sealed partial class DatabaseOutageLog(NpgsqlDataSource dataSource, IOptions<ApiOptions> options, TimeProvider time, ILogger<DatabaseOutageLog> logger)
    : BackgroundService
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _outageStarted = new(0, 1);
    private bool _down;
    private long _started;
    private long _lastSummary;
    private long _unavailable;
    private long _sinceSummary;

    /// <summary>A request was answered 503 because PostgreSQL is unavailable.</summary>
    public void Unavailable(PathString path, string reason)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            _unavailable++;
            _sinceSummary++;
            if (!_down)
            {
                (_down, _started, _lastSummary, _unavailable, _sinceSummary) = (true, now, now, 1, 0);
                LogStarted(logger, path, reason);
                _outageStarted.Release();
                return;
            }

            if (time.GetElapsedTime(_lastSummary, now) < options.Value.OutageLogInterval)
            {
                return;
            }

            LogOngoing(logger, time.GetElapsedTime(_started, now).TotalSeconds, _unavailable, _sinceSummary, reason);
            (_lastSummary, _sinceSummary) = (now, 0);
        }
    }

    /// <summary>For each outage: checks for the database's return, then logs its end with the totals.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            await _outageStarted.WaitAsync(stoppingToken);
            await WaitUntilBackAsync(stoppingToken);
            lock (_lock)
            {
                LogEnded(logger, time.GetElapsedTime(_started).TotalSeconds, _unavailable);
                _down = false;
            }
        }
    }

    private async Task WaitUntilBackAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            await Task.Delay(ProbeInterval, time, stoppingToken);
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Still away, or a pooled connection that died with the server: probe again.
            }
        }
    }

    public override void Dispose()
    {
        _outageStarted.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL is unavailable (first seen answering {Path}: {Reason}); requests that need it get 503 until it is back")]
    private static partial void LogStarted(ILogger logger, PathString path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL still unavailable after {Seconds:F0} s: {Total} requests answered 503 so far, {Recent} since the last summary ({Reason})")]
    private static partial void LogOngoing(ILogger logger, double seconds, long total, long recent, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL is back after {Seconds:F0} s; {Total} requests were answered 503 during the outage")]
    private static partial void LogEnded(ILogger logger, double seconds, long total);
}
