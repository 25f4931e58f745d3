using Microsoft.Extensions.Options;
using Npgsql;
using Recommender.Scheduler.Pipeline.Operations;
using Recommender.Scheduler.Pipeline.Reliability;
using Recommender.Scheduler.Startup;

namespace Recommender.Scheduler.Pipeline.Runs;

/// <summary>
/// The service's workers: each takes queued runs until there are none, then sleeps until a
/// <c>recs_run_queued</c> notification or the poll interval (the safety net for lost notifications,
/// retries coming due and dead workers' runs).
/// </summary>
public sealed class PipelineWorkerService(
    IServiceProvider services, StartupState startup, NpgsqlDataSource dataSource, RawInventoryRefresh inventoryRefresh,
    IOptions<PipelineOptions> options, ILogger<PipelineWorkerService> logger)
    : BackgroundService
{
    public const string QueuedChannel = "recs_run_queued";

    private readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(startup.Migrated, startup.Seeded).WaitAsync(stoppingToken);
        await services.GetRequiredService<WorkFolders>().CleanAsync(stoppingToken);
        var count = options.Value.Workers;
        logger.LogInformation("Starting {Count} pipeline worker(s)", count);
        var loops = Enumerable.Range(0, count).Select(_ => WorkAsync(services.GetRequiredService<PipelineWorker>(), stoppingToken));
        await Task.WhenAll(loops.Append(ListenAsync(count, stoppingToken)));
    }

    private async Task WorkAsync(PipelineWorker worker, CancellationToken stoppingToken)
    {
        var poll = options.Value.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await worker.ProcessNextAsync(cancellationToken: stoppingToken) is null)
                {
                    await _wake.WaitAsync(poll, stoppingToken);
                }
                else
                {
                    // A run may have shown raw data missing or been followed by new uploads.
                    inventoryRefresh.Request();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Pipeline worker {Worker} hit an error; trying again in {Delay}", worker.Name, poll);
                await Task.Delay(poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ListenAsync(int workers, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => _wake.Release(workers);
                await using (var listen = new NpgsqlCommand($"LISTEN {QueuedChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever broke the listener, polling covers the gap until it is back; the service must not stop.
                logger.LogWarning("Listening for queued runs failed ({Message}); reconnecting", ex.Message);
                await Task.Delay(options.Value.PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
