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
    public double AverageOverlapPercent { get; } = Overlap.Count == 0 ? 0 : Math.Round(Overlap.Average(o => o.SharedPercent), 2);

    public StatsResponse ToResponse(Paging paging, int biggestChanges) => new(
        Date,
        PreviousDate,
        ActiveAdvertisers,
        AdvertisersWithRecommendations,
        AverageOverlapPercent,
        paging.Of(Overlap),
        new ModelChanges([.. TopCtrChanges.Take(biggestChanges)], [.. TopProductChanges.Take(biggestChanges)]));
}
