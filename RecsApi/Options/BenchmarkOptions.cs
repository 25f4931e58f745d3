namespace Recommender.RecsApi.Options;

/// <summary>Helpers for the load benchmark; all off by default. Section <c>Benchmark</c>.</summary>
public sealed record BenchmarkOptions
{
    public const string Section = "Benchmark";

    /// <summary>Maps GET /benchmark/ceiling/{bytes}: a fixed JSON body, the fastest this server can answer.</summary>
    public bool CeilingEndpoint { get; init; }
}
