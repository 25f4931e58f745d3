using System.Collections.Frozen;
using Recommender.Contracts;
using Recommender.RecsApi.Stats;

namespace Recommender.RecsApi.Snapshot;

/// <summary>
/// What is published, as of one moment: the latest date's responses ready to send, the advertiser
/// index, the latest date's statistics, and a cache for responses read from PostgreSQL since. It is
/// never changed, only replaced as a whole, so a request sees one consistent publication.
/// </summary>
public sealed class PublishedSnapshot(
    PublicationFingerprint fingerprint,
    IReadOnlyList<DateOnly> publishedDates,
    FrozenDictionary<string, LatestLists> latest,
    IReadOnlyList<AdvertiserSummary> advertisers,
    DayStats? latestStats,
    int cacheCapacity)
{
    public PublicationFingerprint Fingerprint { get; } = fingerprint;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<DateOnly> PublishedDates { get; } = publishedDates;

    public DateOnly? LatestDate => Fingerprint.LatestDate;

    /// <summary>Every advertiser active on the latest date (or with recommendations on it), by id.</summary>
    public FrozenDictionary<string, LatestLists> Latest { get; } = latest;

    /// <summary>Every advertiser active on any retained date, ordered by id.</summary>
    public IReadOnlyList<AdvertiserSummary> Advertisers { get; } = advertisers;

    public FrozenDictionary<string, AdvertiserSummary> AdvertiserById { get; } =
        advertisers.ToFrozenDictionary(a => a.AdvertiserId, StringComparer.Ordinal);

    public DayStats? LatestStats { get; } = latestStats;

    public ResponseCache Cache { get; } = new(cacheCapacity);

    public bool IsPublished(DateOnly date) => PublishedDates.Contains(date);
}
