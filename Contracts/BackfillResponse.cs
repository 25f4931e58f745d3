namespace Recommender.Contracts;

/// <summary>
/// The runs a backfill queued (or found already queued), one per date, in date order, and for every
/// date of the range what was done and why (<see cref="Dates"/>). In a dry run nothing is queued:
/// <see cref="CreatedRuns"/> is 0, <see cref="Runs"/> is empty and <see cref="Dates"/> says what would happen.
/// </summary>
public sealed record BackfillResponse(
    DateOnly From,
    DateOnly To,
    int CreatedRuns,
    IReadOnlyList<QueuedRun> Runs,
    string Reprocess = ReprocessModes.All,
    bool DryRun = false,
    IReadOnlyList<BackfillDate>? Dates = null);

/// <summary>
/// One date of a backfill: its <see cref="BackfillDecisions">decision</see>, a sentence saying why,
/// and the run that stands for it (the new one, or the one already queued or running).
/// </summary>
public sealed record BackfillDate(DateOnly Date, string Decision, string Reason, long? RunId = null, string? LatestRunStatus = null, bool Published = false);
