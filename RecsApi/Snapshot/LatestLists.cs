using Recommender.RecsApi.Http;

namespace Recommender.RecsApi.Snapshot;

/// <summary>An advertiser's two responses for the latest date, serialized when the snapshot was built.</summary>
public sealed record LatestLists(CachedJson TopCtr, CachedJson TopProduct)
{
    public CachedJson Of(string model) => model == Contracts.ModelNames.TopCtr ? TopCtr : TopProduct;
}
