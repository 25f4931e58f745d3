using Recommender.Scheduler.Pipeline.Engine;

namespace Recommender.Scheduler.Startup;

/// <summary>Warms the engine once at start, in the background, so the first nightly run costs what a later one does.</summary>
public sealed partial class EngineWarmupService(PipelineEngine engine, ILogger<EngineWarmupService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        try
        {
            LogWarmedUp(logger, EngineWarmup.Run(engine, stoppingToken).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only a first run's speed depends on it; the run itself reports any real engine problem.
            LogWarmupFailed(logger, ex.Message);
        }
    }, stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine warmed up in {ElapsedMs:F0} ms")]
    private static partial void LogWarmedUp(ILogger logger, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Engine warm-up failed: {Reason}")]
    private static partial void LogWarmupFailed(ILogger logger, string reason);
}
