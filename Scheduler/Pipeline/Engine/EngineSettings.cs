namespace Recommender.Scheduler.Pipeline.Engine;

/// <summary>What a DuckDB session may use: threads, memory, and where it spills.</summary>
public sealed record EngineSettings(int Threads, string MemoryLimit, string TempDirectory, int MaxFieldLength)
{
    public static EngineSettings From(PipelineOptions options) =>
        new(options.ResolveThreads(), options.MemoryLimit, options.ResolveTempDirectory(), options.MaxFieldLength);
}
