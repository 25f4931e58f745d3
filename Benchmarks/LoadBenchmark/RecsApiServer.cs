using Recommender.Tests.Infrastructure;

namespace Recommender.Benchmarks.LoadBenchmark;

/// <summary>The built RecsApi on 127.0.0.1 with the ceiling endpoint on, healthy (the latest date in memory) when returned.</summary>
internal static class RecsApiServer
{
    public const string AdminKey = "load-benchmark-admin-key-0123456789";

    public static Task<WebAppProcess> StartAsync(string repositoryRoot, string configuration, string connectionString, TimeSpan readyTimeout) =>
        WebAppProcess.StartAsync(repositoryRoot, "RecsApi", configuration, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__recs"] = connectionString,
            ["Admin__ApiKey"] = AdminKey,
            ["Benchmark__CeilingEndpoint"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
        }, readyTimeout);
}
