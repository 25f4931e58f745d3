using Microsoft.Extensions.Options;
using Recommender.Contracts;
using Recommender.Scheduler.Pipeline.Engine;
using Recommender.Scheduler.Pipeline.Input;
using Recommender.Scheduler.Pipeline.Reliability;
using Recommender.Scheduler.Pipeline.Runs;
using Recommender.Scheduler.Storage;

namespace Recommender.Scheduler.Pipeline.Steps;

/// <summary>Filter: the date's raw rows of active advertisers, malformed rows counted and skipped.</summary>
public sealed class FilterStep(
    RawInputLocator locator, RawFetcher fetcher, PipelineEngine engine, Bucket bucket, RunLedger ledger, IOptions<PipelineOptions> options)
    : IPipelineStep
{
    public string Name => StepNames.Filter;

    public IReadOnlyList<string> Outputs(RunKeys keys) => [keys.FilteredAdsViews, keys.FilteredProductViews, keys.DailyAdvertisers];

    public async Task<StepResult> RunAsync(RunContext context, CancellationToken cancellationToken)
    {
        var date = context.Run.Date;
        var located = new Dictionary<RawDataset, RawObjects>();
        foreach (var dataset in RawDataset.All)
        {
            located[dataset] = await locator.LocateAsync(dataset, date, cancellationToken);
        }

        await locator.CheckAdvertiserIdsAsync(cancellationToken);
        var advertisers = context.LocalPath("advertiser_ids.csv");

        // Both datasets and the advertiser list come down at the same time.
        var list = bucket.DownloadFileAsync(locator.AdvertiserIdsKey, advertisers, cancellationToken);
        var adsFetch = fetcher.FetchAsync(located[RawDataset.AdsViews].Keys, context.LocalPath("ads_views"), cancellationToken);
        var viewsFetch = fetcher.FetchAsync(located[RawDataset.ProductViews].Keys, context.LocalPath("product_views"), cancellationToken);
        await Task.WhenAll(list, adsFetch, viewsFetch);
        var (ads, views) = (await adsFetch, await viewsFetch);

        var request = new FilterRequest(advertisers, ads, views, date, date, context.LocalPath("filtered")) { AdvertiserIdsKey = locator.AdvertiserIdsKey };
        var meter = context.Meters.Start(Name, RunMeters.Bytes, request.InputBytes);
        request = request with { BytesRead = meter.Add };
        var result = await Task.Run(() => engine.Filter(request, cancellationToken), cancellationToken).WaitAsync(cancellationToken);

        var maxShare = options.Value.MaxBadRowShare;
        await ledger.AddDataQualityAsync(context.Run.Id, DataQuality.FromFilter(result, maxShare), cancellationToken);
        foreach (var scan in result.Datasets)
        {
            PipelineTelemetry.RowsProcessed.Add(scan.RowsRead, new("step", Name), new("dataset", scan.Dataset));
            foreach (var reason in scan.Reasons)
            {
                PipelineTelemetry.BadRows.Add(reason.Count, new("dataset", scan.Dataset), new("reason", reason.Reason));
            }
        }

        if (EmptyInput.Problem(result, located, locator.AdvertiserIdsKey, date) is { } empty)
        {
            throw new PipelineFailure(empty);
        }

        if (DataQuality.TooManyBadRows(result, maxShare) is { } tooMany)
        {
            throw new PipelineFailure(tooMany);
        }

        await Task.WhenAll(
            bucket.UploadFileAsync(context.Keys.FilteredAdsViews, request.FilteredAdsViews, cancellationToken),
            bucket.UploadFileAsync(context.Keys.FilteredProductViews, request.FilteredProductViews, cancellationToken),
            bucket.UploadFileAsync(context.Keys.DailyAdvertisers, request.DailyAdvertisers, cancellationToken));

        return new StepResult(result.Datasets.Sum(d => d.RowsRead), result.Datasets.Sum(d => d.RowsKept), context.Keys.Folder);
    }
}
