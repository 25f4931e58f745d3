namespace Recommender.Contracts;

/// <summary>
/// A pipeline run from the ledger. <see cref="StepsSucceeded"/> counts the steps whose output the run
/// has (succeeded or reused); <see cref="StepCounts"/> gives every step status's count. Who queued it:
/// <see cref="Trigger"/> (why) and <see cref="Source"/> (<c>schedule</c>, <c>cli:&lt;os user&gt;</c>,
/// <c>api:&lt;key id&gt;</c> with an optional <c>/&lt;actor&gt;</c>; never a key).
/// <see cref="CancelTooLate"/>: an operator's cancel reached the run inside Publish's transaction,
/// so the run finished (<see cref="CancelRequested"/> is then true as well).
/// </summary>
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
    int StepsSucceeded,
    StepCounts? StepCounts = null,
    string? Source = null,
    RunParameters? Parameters = null,
    double? DurationSeconds = null,
    bool CancelRequested = false,
    bool CancelTooLate = false);
