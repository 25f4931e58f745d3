using Recommender.Contracts;

namespace Recommender.RecsApi.Data;

/// <summary>What PostgreSQL holds for one advertiser on one date, and why it may hold nothing.</summary>
public sealed record AdvertiserDay(
    bool DatePublished,
    bool ActiveOnDate,
    bool KnownOnAnyDate,
    IReadOnlyList<RecommendedProduct> TopCtr,
    IReadOnlyList<RecommendedProduct> TopProduct)
{
    public bool HasData => ActiveOnDate || TopCtr.Count > 0 || TopProduct.Count > 0;

    public IReadOnlyList<RecommendedProduct> Of(string model) => model == ModelNames.TopCtr ? TopCtr : TopProduct;
}
