namespace Recommender.Scheduler.Pipeline.Runs;

/// <summary>A step changed state in this process: for progress on a terminal.</summary>
public sealed record StepProgress(long RunId, DateOnly Date, string Step, string Status, long? RowsIn = null, long? RowsOut = null, TimeSpan? Elapsed = null, string? Error = null);
