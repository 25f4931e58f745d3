namespace Recommender.Scheduler.Pipeline;

/// <summary>The objects a run for one date writes under the runs prefix.</summary>
public sealed record RunKeys(string RunsPrefix, DateOnly Date)
{
    public string Folder => $"{RunsPrefix}{Date:yyyy-MM-dd}/";

    public string FilteredAdsViews => $"{Folder}filtered_ads_views.parquet";

    public string FilteredProductViews => $"{Folder}filtered_product_views.parquet";

    /// <summary>Totals per active advertiser (zeros included): what <c>daily_advertisers</c> gets.</summary>
    public string DailyAdvertisers => $"{Folder}daily_advertisers.parquet";

    public string TopCtr => $"{Folder}top_ctr.parquet";

    public string TopProduct => $"{Folder}top_product.parquet";
}
