using Coravel.Invocable;
using Microsoft.Extensions.Options;
using Recommender.Contracts;
using Recommender.Scheduler.Pipeline.Runs;

namespace Recommender.Scheduler.Pipeline.Schedule;

/// <summary>The daily schedule's job: queue yesterday's run. The workers do the rest, as for any run.</summary>
public sealed class DailyRunInvocable(
    RunLedger ledger, IOptions<ScheduleOptions> schedule, IOptions<PipelineOptions> pipeline, TimeProvider clock, ILogger<DailyRunInvocable> logger)
    : IInvocable
{
    public async Task Invoke()
    {
        var date = schedule.Value.Yesterday(clock);
        var (runId, created) = await ledger.EnqueueAsync(date, RunTriggers.Schedule, pipeline.Value.MaxAttempts, CancellationToken.None);
        logger.LogInformation(
            created ? "Scheduled run {RunId} queued for {Date}" : "Run {RunId} for {Date} is already queued or running", runId, date);
    }
}
