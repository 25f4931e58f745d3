namespace Recommender.Scheduler.Pipeline.Runs;

public sealed record StepState(string Step, string Status, long? RowsIn, long? RowsOut, string? Error);

/// <summary>A run as the ledger has it now.</summary>
public sealed record RunState(
    long Id, DateOnly Date, string Trigger, string Status, int Attempt, int MaxAttempts, string? Error,
    IReadOnlyList<StepState> Steps, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public bool IsFinished => Status is "succeeded" or "failed" or "held";

    /// <summary>The step that failed, if any, for a one-line reason.</summary>
    public string? FailedStep => Steps.FirstOrDefault(s => s.Status == "failed")?.Step;
}
