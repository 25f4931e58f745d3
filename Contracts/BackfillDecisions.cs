namespace Recommender.Contracts;

/// <summary>What a backfill did, or in a dry run would do, with one date of its range.</summary>
public static class BackfillDecisions
{
    /// <summary>A new run is (or would be) queued.</summary>
    public const string Queue = "queue";

    /// <summary>The date is published and the reprocess mode keeps published dates.</summary>
    public const string SkipPublished = "skip_published";

    /// <summary>A run of the date is already queued or running; it stands for the date.</summary>
    public const string SkipActive = "skip_active";

    /// <summary>The bucket holds no raw data for the date.</summary>
    public const string SkipNoRawData = "skip_no_raw_data";

    public static IReadOnlyList<string> All { get; } = [Queue, SkipPublished, SkipActive, SkipNoRawData];
}
