using Microsoft.Extensions.Options;
using Recommender.Scheduler.Startup;

namespace Recommender.Scheduler.Pipeline.Operations;

/// <summary>
/// Once the schema is current: records the effective settings, then keeps the raw inventory fresh
/// (at start, after each run a worker of this process ends, and every Pipeline:InventoryInterval).
/// </summary>
public sealed class OperationsService(
    StartupState startup, PipelineSettingsRecorder settings, RawInventory inventory, RawInventoryRefresh refresh,
    IOptions<PipelineOptions> options, ILogger<OperationsService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startup.Migrated.WaitAsync(stoppingToken);
        var recorded = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!recorded)
                {
                    await settings.RecordAsync(stoppingToken);
                    recorded = true;
                    logger.LogInformation("Pipeline settings recorded by {RecordedBy}", PipelineSettingsRecorder.RecordedBy);
                }

                // Sample data, when this start seeds it, belongs in the first inventory.
                await startup.Seeded.WaitAsync(stoppingToken);
                var dates = await inventory.RefreshAsync(stoppingToken);
                logger.LogDebug("Raw inventory refreshed: {Dates} dates have raw data", dates);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next beat tries again; an unhandled error would stop the whole service.
                logger.LogWarning("Could not record settings or refresh the raw inventory: {Message}", ex.Message);
            }

            await refresh.WaitAsync(options.Value.InventoryInterval, stoppingToken);
        }
    }
}
