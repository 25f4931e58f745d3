namespace Recommender.RecsApi.Snapshot;

/// <summary>An advertiser's record on one date without its lists: whether it was active, its event totals, its list lengths.</summary>
public readonly record struct AdvertiserTotals(bool Active, long Impressions, long Clicks, long Views, int TopCtrProducts, int TopProductProducts);
