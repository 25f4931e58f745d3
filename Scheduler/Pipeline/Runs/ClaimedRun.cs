namespace Recommender.Scheduler.Pipeline.Runs;

/// <summary>A run a worker has leased: which date, why, and which attempt this is.</summary>
public sealed record ClaimedRun(long Id, DateOnly Date, string Trigger, int Attempt, int MaxAttempts);
