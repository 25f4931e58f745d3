namespace Recommender.Scheduler.Pipeline.Schedule;

/// <summary>What the Scheduler queues at start for days it missed while down.</summary>
public enum CatchUpPolicy
{
    /// <summary>Nothing: missed days wait for a manual run or backfill.</summary>
    None,

    /// <summary>Only the most recent missed day (yesterday, if it is not published).</summary>
    Latest,

    /// <summary>Every unpublished day within the retention window, oldest first.</summary>
    All,
}
