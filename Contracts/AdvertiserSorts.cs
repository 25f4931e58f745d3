namespace Recommender.Contracts;

/// <summary>
/// The orders of <c>GET /advertisers?sort=</c>: a field name, ascending, or with a leading <c>-</c>
/// descending (<c>-clicks</c>). Ties are broken by advertiser id.
/// </summary>
public static class AdvertiserSorts
{
    public const string AdvertiserId = "advertiser_id";
    public const string LatestDate = "latest_date";
    public const string DatesActive = "dates_active";
    public const string TopCtrProducts = "top_ctr_products";
    public const string TopProductProducts = "top_product_products";
    public const string Impressions = "impressions";
    public const string Clicks = "clicks";
    public const string Views = "views";

    public static IReadOnlyList<string> Fields { get; } =
        [AdvertiserId, LatestDate, DatesActive, TopCtrProducts, TopProductProducts, Impressions, Clicks, Views];
}
