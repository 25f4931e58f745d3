using Coravel;
using Microsoft.Extensions.Options;
using Recommender.Scheduler.Pipeline;
using Recommender.Scheduler.Pipeline.Engine;
using Recommender.Scheduler.Pipeline.Input;
using Recommender.Scheduler.Pipeline.Operations;
using Recommender.Scheduler.Pipeline.Reliability;
using Recommender.Scheduler.Pipeline.Runs;
using Recommender.Scheduler.Pipeline.Schedule;
using Recommender.Scheduler.Pipeline.Steps;
using Recommender.Scheduler.Storage;

namespace Recommender.Scheduler.Extensions;

public static class PipelineServiceExtensions
{
    /// <summary>
    /// The pipeline without anything that runs by itself: the database, the bucket, the engine, the
    /// steps, the ledger and workers. The CLI and tests use this; the service adds its background parts.
    /// </summary>
    public static IHostApplicationBuilder AddPipeline(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("recs");
        builder.Services.AddBucketStorage(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddOptions<PipelineOptions>()
            .BindConfiguration(PipelineOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ScheduleOptions>()
            .BindConfiguration(ScheduleOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PipelineOptions>, NamedProblems<PipelineOptions>>(_ => new(o => o.Problems()));
        builder.Services.AddSingleton<IValidateOptions<ScheduleOptions>, NamedProblems<ScheduleOptions>>(_ => new(o => o.Problems()));

        builder.Services.AddSingleton(sp => EngineSettings.From(sp.GetRequiredService<IOptions<PipelineOptions>>().Value));
        builder.Services.AddSingleton<PipelineEngine>();
        builder.Services.AddSingleton<RawInputLocator>();
        builder.Services.AddSingleton<RawFetcher>();
        builder.Services.AddSingleton<FilterStep>();
        builder.Services.AddSingleton<TopCtrStep>();
        builder.Services.AddSingleton<TopProductStep>();
        builder.Services.AddSingleton<PublishStep>();
        builder.Services.AddSingleton<PipelineRunner>();
        builder.Services.AddSingleton<RunLedger>();
        builder.Services.AddSingleton<WorkFolders>();
        builder.Services.AddSingleton<VolumeGuard>();
        builder.Services.AddTransient<PipelineWorker>();
        builder.Services.AddSingleton<PipelineSettingsRecorder>();
        builder.Services.AddSingleton<RawInventory>();
        builder.Services.AddSingleton<RawInventoryRefresh>();
        return builder;
    }

    /// <summary>The service's background parts: queue workers, the daily schedule and catch-up at start.</summary>
    public static IHostApplicationBuilder AddPipelineBackgroundServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<PipelineWorkerService>();
        builder.Services.AddHostedService<CatchUpService>();
        builder.Services.AddHostedService<OperationsService>();
        builder.Services.AddScheduler();
        builder.Services.AddTransient<DailyRunInvocable>();
        return builder;
    }

    /// <summary>Queues yesterday's run on the configured cron, in the configured time zone, never twice at once.</summary>
    public static IHost UsePipelineSchedule(this IHost app)
    {
        var schedule = app.Services.GetRequiredService<IOptions<ScheduleOptions>>().Value;
        if (schedule.Enabled)
        {
            app.Services.UseScheduler(scheduler => scheduler
                .Schedule<DailyRunInvocable>()
                .Cron(schedule.Cron)
                .Zoned(schedule.ResolveTimeZone())
                .PreventOverlapping(nameof(DailyRunInvocable)));
        }

        return app;
    }

    /// <summary>Reports every problem of a settings record by name, so start-up fails with a message that says what to fix.</summary>
    private sealed class NamedProblems<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            problems(options).ToList() is { Count: > 0 } found ? ValidateOptionsResult.Fail(found) : ValidateOptionsResult.Success;
    }
}
