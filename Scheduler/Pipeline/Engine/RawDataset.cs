namespace Recommender.Scheduler.Pipeline.Engine;

/// <summary>A raw log dataset and the columns its files hold.</summary>
public sealed record RawDataset(string Name, bool HasType)
{
    public static readonly RawDataset AdsViews = new("ads_views", HasType: true);
    public static readonly RawDataset ProductViews = new("product_views", HasType: false);

    public static readonly RawDataset[] All = [AdsViews, ProductViews];

    public string CsvColumns => HasType
        ? "{'advertiser_id': 'VARCHAR', 'product_id': 'VARCHAR', 'type': 'VARCHAR', 'date': 'VARCHAR'}"
        : "{'advertiser_id': 'VARCHAR', 'product_id': 'VARCHAR', 'date': 'VARCHAR'}";
}
