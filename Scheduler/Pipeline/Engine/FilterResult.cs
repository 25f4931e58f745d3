namespace Recommender.Scheduler.Pipeline.Engine;

public sealed record FilterResult(int ActiveAdvertisers, DatasetScan AdsViews, DatasetScan ProductViews)
{
    public IEnumerable<DatasetScan> Datasets => [AdsViews, ProductViews];
}
