namespace Recommender.Contracts;

/// <summary>
/// How far an advertiser's two models agree on a date: the products both lists hold, and that
/// number as a percentage of the longer list (0 when both are empty).
/// </summary>
public sealed record AdvertiserOverlap(
    string AdvertiserId, DateOnly Date, int TopCtrProducts, int TopProductProducts, int SharedProducts, double SharedPercent);
