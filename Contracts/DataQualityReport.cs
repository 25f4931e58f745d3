namespace Recommender.Contracts;

/// <summary>
/// A run's data-quality findings. Filter fills the totals and one entry per dataset
/// (<c>ads_views</c>, <c>product_views</c>); TopCTR adds the products clicked without impressions;
/// the volume guard adds its verdict. Everything is null until the step that finds it has run.
/// </summary>
public sealed record DataQualityReport(
    long? RowsRead = null,
    long? BadRows = null,
    double? MaxBadShare = null,
    int? ActiveAdvertisers = null,
    DatasetQuality? AdsViews = null,
    DatasetQuality? ProductViews = null,
    ZeroImpressionClicks? ZeroImpressionClicks = null,
    VolumeCheck? Volume = null);
