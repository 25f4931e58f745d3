namespace Recommender.Contracts;

/// <summary>
/// An advertiser with its latest published date, on how many retained dates it was active, and on
/// its latest date: the length of each model's list and its event totals.
/// </summary>
public sealed record AdvertiserSummary(
    string AdvertiserId,
    DateOnly LatestDate,
    int DatesActive,
    int TopCtrProducts,
    int TopProductProducts,
    long Impressions,
    long Clicks,
    long Views);
