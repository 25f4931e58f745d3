namespace Recommender.Contracts;

/// <summary>One step of a pipeline run: filter, top_ctr, top_product or publish.</summary>
public sealed record RunStep(
    string Step,
    string Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long? RowsIn,
    long? RowsOut,
    string? OutputKey,
    string? Error);
