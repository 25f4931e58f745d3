namespace Recommender.Contracts;

/// <summary>How many of a run's steps are in each status (see <see cref="StepStatuses"/>).</summary>
public sealed record StepCounts(int Pending, int Running, int Succeeded, int Reused, int Failed, int Skipped, int Cancelled);
