using Microsoft.Extensions.Options;
using Npgsql;
using Recommender.Contracts;
using Recommender.Scheduler.Pipeline.Runs;
using Recommender.Scheduler.Startup;

namespace Recommender.Scheduler.Pipeline.Schedule;

/// <summary>
/// At start, queues the days missed while the Scheduler was down, as the catch-up policy says.
/// When this start seeded sample data, every seeded day within retention is queued instead, so a
/// fresh local stack shows data at once.
/// </summary>
public sealed class CatchUpService(
    StartupState startup, RunLedger ledger, IOptions<ScheduleOptions> schedule, IOptions<PipelineOptions> pipeline,
    TimeProvider clock, ILogger<CatchUpService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(startup.Migrated, startup.Seeded).WaitAsync(stoppingToken);
        var policy = startup.SeededSampleData ? CatchUpPolicy.All : schedule.Value.ResolveCatchUp();
        var yesterday = schedule.Value.Yesterday(clock);
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var settled = await SettledDaysAsync(yesterday.AddDays(-pipeline.Value.RetentionDays), stoppingToken);
                foreach (var day in CatchUpPlan.MissedDays(policy, yesterday, pipeline.Value.RetentionDays, settled))
                {
                    var (runId, created) = await ledger.EnqueueAsync(day, RunTriggers.CatchUp, pipeline.Value.MaxAttempts, RunSources.Schedule, new RunParameters(AcceptVolume: false), stoppingToken);
                    logger.LogInformation("Catch-up ({Policy}): run {RunId} for {Date} {State}", policy, runId, day, created ? "queued" : "already queued");
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // An unhandled error here would stop the whole service; catch-up can wait for the database.
                logger.LogWarning("Catch-up could not reach the database ({Message}); retrying in {Delay}", ex.Message, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }
    }

    /// <summary>Days that need nothing: published, or with a run queued or running.</summary>
    private async Task<HashSet<DateOnly>> SettledDaysAsync(DateOnly since, CancellationToken cancellationToken)
    {
        await using var command = ledger.DataSource.CreateCommand(
            "SELECT date FROM published_dates WHERE date > $1 UNION SELECT logical_date FROM pipeline_runs WHERE status IN ('queued', 'running')");
        command.Parameters.Add(new NpgsqlParameter { Value = since });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var days = new HashSet<DateOnly>();
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add(reader.GetFieldValue<DateOnly>(0));
        }

        return days;
    }
}
