namespace Recommender.Scheduler.Pipeline.Runs;

/// <summary>How one attempt at a run ended in this worker.</summary>
public enum RunOutcomeKind
{
    Succeeded,

    /// <summary>A transient failure: the run is queued again after a backoff.</summary>
    Retrying,

    Failed,

    /// <summary>The volume guard held the day; an operator may accept it.</summary>
    Held,

    /// <summary>Another worker holds the date's lock: the run went back to the queue untouched.</summary>
    Deferred,

    /// <summary>The run was taken from this worker (its lease expired) or the process is stopping.</summary>
    Abandoned,

    /// <summary>An operator cancelled the run: it ended cancelled and published nothing.</summary>
    Cancelled,
}

public sealed record RunOutcome(ClaimedRun Run, RunOutcomeKind Kind, string? Error = null);
