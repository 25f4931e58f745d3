using Recommender.Contracts;

namespace Recommender.RecsApi.Snapshot;

/// <summary>An advertiser's record on one date, decoded from a <see cref="SnapshotDay"/>.</summary>
public sealed record AdvertiserOnDay(
    string AdvertiserId, DateOnly Date, AdvertiserTotals Totals, IReadOnlyList<RecommendedProduct> TopCtr, IReadOnlyList<RecommendedProduct> TopProduct)
{
    public IReadOnlyList<RecommendedProduct> Of(string model) => model == ModelNames.TopCtr ? TopCtr : TopProduct;
}
