namespace Recommender.Contracts;

/// <summary>One step of a pipeline run (see <see cref="StepNames"/>, <see cref="StepStatuses"/>); progress while it runs.</summary>
public sealed record RunStep(
    string Step,
    string Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long? RowsIn,
    long? RowsOut,
    string? OutputKey,
    string? Error,
    double? DurationSeconds = null,
    StepProgress? Progress = null);
