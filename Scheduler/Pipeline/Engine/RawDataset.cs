namespace Recommender.Scheduler.Pipeline.Engine;

/// <summary>A raw log dataset and the columns its files hold.</summary>
public sealed record RawDataset(string Name, bool HasType)
{
    public static readonly RawDataset AdsViews = new("ads_views", HasType: true);
    public static readonly RawDataset ProductViews = new("product_views", HasType: false);

    public static readonly RawDataset[] All = [AdsViews, ProductViews];

    /// <summary>The columns its files hold, in the order of a CSV header.</summary>
    public IReadOnlyList<string> Columns => HasType ? ["advertiser_id", "product_id", "type", "date"] : ["advertiser_id", "product_id", "date"];
}
