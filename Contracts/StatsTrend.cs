namespace Recommender.Contracts;

/// <summary>Per retained published date (oldest first): the day's headline statistics, for trend charts.</summary>
public sealed record StatsTrend(IReadOnlyList<StatsTrendDay> Days);

/// <summary>
/// One date of <see cref="StatsTrend"/>: advertisers, average model overlap, the average day-to-day
/// change per model (null on the first date), advertisers whose list is shorter than 20 per model,
/// and the raw rows and malformed share.
/// </summary>
public sealed record StatsTrendDay(
    DateOnly Date,
    int ActiveAdvertisers,
    int AdvertisersWithRecommendations,
    double AverageOverlapPercent,
    double? AverageTopCtrChangePercent,
    double? AverageTopProductChangePercent,
    int TopCtrShortLists,
    int TopProductShortLists,
    long? RowsRead,
    double? BadRowShare);
