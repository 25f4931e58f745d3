namespace Recommender.Contracts;

/// <summary>The runs a backfill queued (or found already queued), one per date, in date order.</summary>
public sealed record BackfillResponse(DateOnly From, DateOnly To, int CreatedRuns, IReadOnlyList<QueuedRun> Runs);
