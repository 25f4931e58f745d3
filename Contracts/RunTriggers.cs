namespace Recommender.Contracts;

/// <summary>Why a run was queued.</summary>
public static class RunTriggers
{
    public const string Schedule = "schedule";
    public const string Manual = "manual";
    public const string Backfill = "backfill";
    public const string CatchUp = "catch-up";

    public static IReadOnlyList<string> All { get; } = [Schedule, Manual, Backfill, CatchUp];
}
