namespace Recommender.Benchmarks;

/// <summary>How much data each part of the benchmark uses: the figures, or a tiny set for CI.</summary>
internal sealed record BenchmarkSize(string Name, long EngineRowsPerDay, int EngineDays, int EngineRepeats, long DayRows, long BigDayRows)
{
    /// <summary>10M + 10M rows over 30 days (the fused engine run 5 times); one day of 10M + 10M; one day of 100M + 100M.</summary>
    public static readonly BenchmarkSize Full = new("full", 333_334, 30, 5, 10_000_000, 100_000_000);

    public static readonly BenchmarkSize Tiny = new("tiny", 3_334, 30, 2, 20_000, 50_000);

    public static BenchmarkSize? Parse(string name) => name switch
    {
        "full" => Full,
        "tiny" => Tiny,
        _ => null,
    };
}
