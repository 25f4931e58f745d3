namespace Recommender.Contracts;

/// <summary>A pipeline run from the ledger, with how many of its steps have succeeded.</summary>
public sealed record RunSummary(
    long Id,
    DateOnly LogicalDate,
    string Trigger,
    string Status,
    int Attempt,
    int MaxAttempts,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Worker,
    string? Error,
    int StepsTotal,
    int StepsSucceeded);
