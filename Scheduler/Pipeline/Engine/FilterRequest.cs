namespace Recommender.Scheduler.Pipeline.Engine;

/// <summary>
/// Input of the filter: the advertiser list, each dataset's files, the dates to keep (one date
/// for a run; a range for the benchmark) and the folder to write the filtered files to.
/// </summary>
public sealed record FilterRequest(
    string AdvertiserIdsPath,
    IReadOnlyList<InputFile> AdsViews,
    IReadOnlyList<InputFile> ProductViews,
    DateOnly FirstDate,
    DateOnly LastDate,
    string OutputDirectory)
{
    /// <summary>The object the advertiser list came from, for messages.</summary>
    public string AdvertiserIdsKey { get; init; } = "advertiser_ids.csv";

    /// <summary>Told how many input bytes were just read, as reading goes (for a step's progress).</summary>
    public Action<long>? BytesRead { get; init; }

    /// <summary>The bytes of all input files.</summary>
    public long InputBytes => AdsViews.Concat(ProductViews).Sum(f => new FileInfo(f.Path).Length);

    public string FilteredAdsViews => Path.Combine(OutputDirectory, "filtered_ads_views.parquet");

    public string FilteredProductViews => Path.Combine(OutputDirectory, "filtered_product_views.parquet");

    public string DailyAdvertisers => Path.Combine(OutputDirectory, "daily_advertisers.parquet");

    public IReadOnlyList<InputFile> FilesOf(RawDataset dataset) => dataset == RawDataset.AdsViews ? AdsViews : ProductViews;

    public string FilteredPathOf(RawDataset dataset) => dataset == RawDataset.AdsViews ? FilteredAdsViews : FilteredProductViews;
}
