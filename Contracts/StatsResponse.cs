namespace Recommender.Contracts;

/// <summary>
/// Statistics of one published date: advertiser counts, the overlap between the two models per
/// advertiser (paged) and its distribution in ten 10-point buckets, each model's coverage, and the
/// advertisers whose lists changed most since the previous published date.
/// </summary>
public sealed record StatsResponse(
    DateOnly Date,
    DateOnly? PreviousDate,
    int ActiveAdvertisers,
    int AdvertisersWithRecommendations,
    double AverageOverlapPercent,
    Page<AdvertiserOverlap> Overlap,
    ModelChanges BiggestChanges,
    IReadOnlyList<OverlapBucket>? OverlapHistogram = null,
    Coverage? Coverage = null);
