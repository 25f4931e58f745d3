namespace Recommender.Contracts;

/// <summary>Which dates of a backfill's range get a run.</summary>
public static class ReprocessModes
{
    /// <summary>Only dates that were never published.</summary>
    public const string Missing = "missing";

    /// <summary>Dates never published, and dates whose latest run failed.</summary>
    public const string Failed = "failed";

    /// <summary>Every date of the range (the default, and the behaviour before the mode existed).</summary>
    public const string All = "all";

    public static IReadOnlyList<string> Modes { get; } = [Missing, Failed, All];
}
