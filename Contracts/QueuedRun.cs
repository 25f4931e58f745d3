namespace Recommender.Contracts;

/// <summary>
/// The run that now stands for a date: <see cref="Created"/> is false when a run for that date was
/// already queued or running, and that run is returned instead of a new one.
/// </summary>
public sealed record QueuedRun(long RunId, DateOnly Date, bool Created);
