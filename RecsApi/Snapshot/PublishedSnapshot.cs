using Recommender.Contracts;
using Recommender.RecsApi.Http;
using Recommender.RecsApi.Stats;

namespace Recommender.RecsApi.Snapshot;

/// <summary>
/// What is published, as of one moment: every retained date in its compact form, the advertiser index
/// and the latest date's statistics (both computed on first use), and a cache for responses built
/// since. It is never changed, only replaced as a whole, so a request sees one consistent publication.
/// </summary>
public sealed class PublishedSnapshot
{
    private readonly Lazy<List<AdvertiserSummary>> _advertisers;
    private readonly Lazy<DayStats?> _latestStats;

    /// <summary>The latest date's responses, two per advertiser, serialized on first request.</summary>
    private readonly CachedJson?[] _latestResponses;

    public PublishedSnapshot(PublicationFingerprint fingerprint, IReadOnlyList<SnapshotDay> days, int cacheCapacity)
    {
        Fingerprint = fingerprint;
        Days = days;
        PublishedDates = [.. days.Select(d => d.Date)];
        Cache = new ResponseCache(cacheCapacity);
        _advertisers = new(() => AdvertiserIndex.Build(days));
        _latestResponses = new CachedJson?[days.Count == 0 ? 0 : days[0].AdvertiserIds.Count * 2];
        _latestStats = new(() => days.Count == 0 ? null : DayStatsCalculator.Compute(days[0], days.Count > 1 ? days[1] : null));
    }

    public PublicationFingerprint Fingerprint { get; }

    /// <summary>Every retained published date, newest first.</summary>
    public IReadOnlyList<SnapshotDay> Days { get; }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<DateOnly> PublishedDates { get; }

    public DateOnly? LatestDate => Days.Count == 0 ? null : Days[0].Date;

    /// <summary>Every advertiser active on any retained date, ordered by id.</summary>
    public IReadOnlyList<AdvertiserSummary> Advertisers => _advertisers.Value;

    public DayStats? LatestStats => _latestStats.Value;

    public ResponseCache Cache { get; }

    public bool IsPublished(DateOnly date) => PublishedDates.Contains(date);

    /// <summary>
    /// The latest date's response of the advertiser and model: the hot path, an array slot once the
    /// response was built; false when the advertiser has no record on that date.
    /// </summary>
    public bool TryGetLatest(string advertiserId, string model, out CachedJson json)
    {
        json = null!;
        if (Days.Count == 0 || !Days[0].TryIndexOf(advertiserId, out var index))
        {
            return false;
        }

        ref var slot = ref _latestResponses[(index * 2) + (model == ModelNames.TopCtr ? 0 : 1)];
        if (Volatile.Read(ref slot) is { } built)
        {
            json = built;
            return true;
        }

        // Two requests racing here build the same bytes; either copy may stay.
        Days[0].TryRead(advertiserId, out var lists, ModelSelections.Of(model));
        json = CachedJson.Serialize(new RecommendationsResponse(advertiserId, model, Days[0].Date, lists.Of(model)), RecsJsonContext.Default.RecommendationsResponse);
        Volatile.Write(ref slot, json);
        return true;
    }

    /// <summary>Whether the advertiser was active on any retained date.</summary>
    public bool IsKnown(string advertiserId) =>
        Days.Any(d => d.TryReadTotals(advertiserId, out var totals) && totals.Active);

    /// <summary>Computes what is computed on first use, so the first requests after a swap do not wait for it.</summary>
    public void Prepare()
    {
        _ = _advertisers.Value;
        _ = _latestStats.Value;
    }
}
