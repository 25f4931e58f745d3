namespace Recommender.Contracts;

/// <summary>
/// How much an advertiser's list of one model changed from the previous published date:
/// products that entered and left, and the share of the union of both lists that is not in both.
/// </summary>
public sealed record RecommendationChange(
    string AdvertiserId, DateOnly Date, DateOnly PreviousDate, int ProductsEntered, int ProductsLeft, int SharedProducts, double ChangePercent);
