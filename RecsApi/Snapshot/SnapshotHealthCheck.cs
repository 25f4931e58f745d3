using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Recommender.RecsApi.Snapshot;

/// <summary>Ready for traffic once the published data has been loaded at least once.</summary>
public sealed class SnapshotHealthCheck(SnapshotStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.Current is { } snapshot
            ? HealthCheckResult.Healthy($"Latest published date: {snapshot.LatestDate?.ToString("yyyy-MM-dd") ?? "none"}")
            : HealthCheckResult.Unhealthy("The published data has not been loaded yet."));
}
