using Recommender.Scheduler.Database;
using Recommender.Scheduler.SampleData;
using Recommender.Scheduler.Startup;

namespace Recommender.Scheduler.Extensions;

public static class SchedulerServiceExtensions
{
    public static IHostApplicationBuilder AddSchedulerServices(this IHostApplicationBuilder builder)
    {
        builder.AddPipeline();

        builder.Services.AddOptions<SampleDataOptions>()
            .BindConfiguration(SampleDataOptions.Section)
            .Validate(o => o.ToSpec(DateOnly.MinValue.AddDays(1)).Validate().Count == 0, "SampleData settings are out of range.")
            .ValidateOnStart();

        // Start-up: schema first, then sample data; the Scheduler is healthy once both are done.
        builder.Services.AddSingleton<StartupState>();
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddHostedService<MigrationService>();
        builder.Services.AddHostedService<SampleDataSeeder>();
        builder.Services.AddHealthChecks().AddCheck<StartupHealthCheck>("startup");
        builder.Services.AddHostedService<EngineWarmupService>();

        builder.AddPipelineBackgroundServices();

        return builder;
    }
}
