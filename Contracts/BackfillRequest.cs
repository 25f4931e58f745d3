using System.Text.Json.Serialization;

namespace Recommender.Contracts;

/// <summary>
/// Asks for one pipeline run per date from <see cref="From"/> to <see cref="To"/>, both included.
/// <see cref="Reprocess"/> chooses the dates (<see cref="ReprocessModes"/>, default <c>all</c>);
/// <see cref="DryRun"/> answers what would happen to each date and queues nothing.
/// </summary>
public sealed record BackfillRequest(
    [property: JsonRequired] DateOnly From,
    [property: JsonRequired] DateOnly To,
    string? Reprocess = null,
    bool DryRun = false);
