namespace Recommender.Contracts;

/// <summary>
/// A step's status. <c>reused</c>: a resumed run kept the output an earlier attempt produced;
/// <c>skipped</c>: the run ended (failed, cancelled, held) before the step started;
/// <c>cancelled</c>: the step was running when the run was cancelled.
/// </summary>
public static class StepStatuses
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Reused = "reused";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Pending, Running, Succeeded, Reused, Failed, Skipped, Cancelled];
}
