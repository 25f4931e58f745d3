namespace Recommender.Scheduler.Pipeline.Engine;

/// <summary>What a file holds, told by its first bytes rather than its name.</summary>
public enum ContentKind
{
    Empty,
    Csv,
    Gzip,
    Parquet,

    /// <summary>Binary content of no format the pipeline reads.</summary>
    Other,
}
