namespace Recommender.Contracts;

/// <summary>
/// A run's status: <c>queued → running → succeeded | failed | cancelled | held</c>. <c>held</c> is the
/// volume guard's verdict: the day was computed but not published until an operator accepts it.
/// </summary>
public static class RunStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Held = "held";

    public static IReadOnlyList<string> All { get; } = [Queued, Running, Succeeded, Failed, Cancelled, Held];

    /// <summary>Statuses of a run that is waiting or working; at most one run per date is in one.</summary>
    public static IReadOnlyList<string> Active { get; } = [Queued, Running];

    public static bool IsActive(string status) => status is Queued or Running;
}
