using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Recommender.Scheduler.Startup;

/// <summary>Unhealthy until migrations are applied and sample data (if asked for) is in the bucket.</summary>
public sealed class StartupHealthCheck(StartupState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!state.Migrated.IsCompletedSuccessfully)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(state.Problem ?? "Database migrations are not applied yet."));
        }

        return Task.FromResult(state.Seeded.IsCompletedSuccessfully
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(state.Problem ?? "Sample data is being generated."));
    }
}
