namespace Recommender.Contracts;

/// <summary>An advertiser's ranked recommendations of one model on one published date.</summary>
public sealed record RecommendationsResponse(
    string AdvertiserId, string Model, DateOnly Date, IReadOnlyList<RecommendedProduct> Products);
