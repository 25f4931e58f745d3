using Recommender.Contracts;
using Recommender.RecsApi.Http;

namespace Recommender.RecsApi.Stats;

/// <summary>
/// Everything /stats tells about one published date, computed once: the overlap of every advertiser
/// (by id) and the change of every advertiser's lists since the previous date (largest first).
/// </summary>
public sealed record DayStats(
    DateOnly Date,
    DateOnly? PreviousDate,
    int ActiveAdvertisers,
    int AdvertisersWithRecommendations,
    IReadOnlyList<AdvertiserOverlap> Overlap,
    IReadOnlyList<RecommendationChange> TopCtrChanges,
    IReadOnlyList<RecommendationChange> TopProductChanges)
{
    private const int BucketWidth = 10;

    public double AverageOverlapPercent { get; } = Overlap.Count == 0 ? 0 : Math.Round(Overlap.Average(o => o.SharedPercent), 2);

    /// <summary>Advertisers per 10-point bucket of their overlap percent; the last bucket includes 100.</summary>
    public IReadOnlyList<OverlapBucket> OverlapHistogram { get; } = Histogram(Overlap);

    public Coverage Coverage { get; } = new(
        CoverageOf(Overlap.Select(o => o.TopCtrProducts), ActiveAdvertisers),
        CoverageOf(Overlap.Select(o => o.TopProductProducts), ActiveAdvertisers));

    /// <summary>The average change of a model's lists since the previous date; null when there is none.</summary>
    public double? AverageChangePercent(string model)
    {
        if (PreviousDate is null)
        {
            return null;
        }

        var changes = model == ModelNames.TopCtr ? TopCtrChanges : TopProductChanges;
        return changes.Count == 0 ? 0 : Math.Round(changes.Average(c => c.ChangePercent), 2);
    }

    public StatsResponse ToResponse(Paging paging, int biggestChanges) => new(
        Date,
        PreviousDate,
        ActiveAdvertisers,
        AdvertisersWithRecommendations,
        AverageOverlapPercent,
        paging.Of(Overlap),
        new ModelChanges([.. TopCtrChanges.Take(biggestChanges)], [.. TopProductChanges.Take(biggestChanges)]),
        OverlapHistogram,
        Coverage);

    private static OverlapBucket[] Histogram(IReadOnlyList<AdvertiserOverlap> overlap)
    {
        var counts = new int[100 / BucketWidth];
        foreach (var advertiser in overlap)
        {
            counts[Math.Clamp((int)(advertiser.SharedPercent / BucketWidth), 0, counts.Length - 1)]++;
        }

        return [.. counts.Select((count, i) => new OverlapBucket(i * BucketWidth, (i + 1) * BucketWidth, count))];
    }

    /// <summary>Full and short lists among the advertisers with recommendations; the other active advertisers have none.</summary>
    private static ModelCoverage CoverageOf(IEnumerable<int> listLengths, int activeAdvertisers)
    {
        var (full, partial) = (0, 0);
        foreach (var length in listLengths)
        {
            if (length >= ModelNames.ListLength)
            {
                full++;
            }
            else if (length > 0)
            {
                partial++;
            }
        }

        return new ModelCoverage(full, partial, Math.Max(0, activeAdvertisers - full - partial));
    }
}
