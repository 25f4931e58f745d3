using Recommender.Scheduler.Database;

namespace Recommender.Scheduler.Startup;

/// <summary>Applies migrations at start, retrying while the database is unreachable.</summary>
public sealed class MigrationService(DatabaseMigrator migrator, StartupState state, ILogger<MigrationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await migrator.MigrateAsync(stoppingToken);
                state.MarkMigrated();
                return;
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                state.ReportProblem($"Database unreachable: {ex.Message}");
                logger.LogWarning("Database unreachable ({Message}); retrying migrations in {Delay}", ex.Message, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }
    }
}
