namespace Recommender.Contracts;

/// <summary>
/// The volume guard's verdict on a run's day (<see cref="VolumeVerdicts"/>), with the figures it
/// compared: the day's rows per dataset and advertisers with recommendations against the median of
/// the last published days, and the share below which the day is held.
/// </summary>
public sealed record VolumeCheck(
    string Verdict,
    string Message,
    double MinRowShare,
    int PublishedDaysCompared,
    long? AdsViewsRows = null,
    double? AdsViewsMedian = null,
    long? ProductViewsRows = null,
    double? ProductViewsMedian = null,
    int? Advertisers = null,
    double? AdvertisersMedian = null);

/// <summary>What the volume guard decided.</summary>
public static class VolumeVerdicts
{
    public const string Passed = "passed";
    public const string Held = "held";

    /// <summary>Too few published days to compare with (fewer than 3).</summary>
    public const string Skipped = "skipped";

    /// <summary>The day was below the share but an operator accepted it.</summary>
    public const string Accepted = "accepted";

    public static IReadOnlyList<string> All { get; } = [Passed, Held, Skipped, Accepted];
}
