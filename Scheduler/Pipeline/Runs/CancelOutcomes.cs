namespace Recommender.Scheduler.Pipeline.Runs;

/// <summary>What <c>cancel_run()</c> did with an operator's cancel.</summary>
public static class CancelOutcomes
{
    /// <summary>The run was queued and ended cancelled at once.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The run is running; its worker stops it at its next heartbeat.</summary>
    public const string Requested = "requested";

    /// <summary>The run is inside Publish's transaction and will finish.</summary>
    public const string Publishing = "publishing";

    /// <summary>The run had already ended; nothing changed.</summary>
    public const string Ended = "ended";
}
