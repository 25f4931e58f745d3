using System.Globalization;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using Recommender.Scheduler.Pipeline.Engine;
using Recommender.Scheduler.Storage;

namespace Recommender.Scheduler.Pipeline.Input;

/// <summary>
/// Finds a date's raw objects: its daily partition when there is one, else the dataset's single file.
/// An empty object or one over <c>Pipeline:MaxObjectSize</c> fails here, from the listing, before anything is downloaded.
/// </summary>
public sealed class RawInputLocator(Bucket bucket, IOptions<PipelineOptions> options)
{
    public static readonly string[] Extensions = [".csv", ".csv.gz", ".parquet"];

    public string AdvertiserIdsKey => $"{options.Value.RawPrefix}advertiser_ids.csv";

    public async Task<RawObjects> LocateAsync(RawDataset dataset, DateOnly date, CancellationToken cancellationToken)
    {
        var raw = options.Value.RawPrefix;
        var partition = $"{raw}{dataset.Name}/date={date:yyyy-MM-dd}/";
        var daily = await ListDataAsync(partition, cancellationToken);
        if (daily.Count > 0)
        {
            return new RawObjects(dataset, RawLayout.DailyPartition, Checked(daily));
        }

        // raw/ads_views.csv and friends; raw/ads_views/… (the partitions) does not match the prefix "raw/ads_views.".
        var single = (await ListDataAsync($"{raw}{dataset.Name}.", cancellationToken))
            .Where(entry => Extensions.Any(ext => entry.Key == $"{raw}{dataset.Name}{ext}"))
            .ToList();
        return single.Count switch
        {
            1 => new RawObjects(dataset, RawLayout.SingleFile, Checked(single)),
            0 => throw new PipelineFailure(
                $"no raw data for {date:yyyy-MM-dd}: nothing under {partition} and no {raw}{dataset.Name}.csv, .csv.gz or .parquet"),
            _ => throw new PipelineFailure($"{dataset.Name} is ambiguous: {string.Join(", ", single.Select(e => e.Key))} all exist; keep one"),
        };
    }

    /// <summary>The advertiser list must exist, hold something and not be over the size limit.</summary>
    public async Task CheckAdvertiserIdsAsync(CancellationToken cancellationToken)
    {
        var size = await bucket.SizeAsync(AdvertiserIdsKey, cancellationToken)
            ?? throw new PipelineFailure($"no advertiser list: {AdvertiserIdsKey} is missing");
        CheckSize(AdvertiserIdsKey, size);
    }

    private List<string> Checked(List<S3Object> entries)
    {
        foreach (var entry in entries)
        {
            if (entry.Size is { } size)
            {
                CheckSize(entry.Key, size);
            }
        }

        return [.. entries.Select(e => e.Key)];
    }

    private void CheckSize(string key, long size)
    {
        var max = options.Value.MaxObjectSize;
        if (size == 0)
        {
            throw InputShape.Empty(key);
        }

        if (size > max)
        {
            throw new PipelineFailure(string.Create(CultureInfo.InvariantCulture,
                $"{key} is {size:N0} bytes, over Pipeline:MaxObjectSize ({max:N0} bytes); split it into smaller objects or raise the limit"));
        }
    }

    private async Task<List<S3Object>> ListDataAsync(string prefix, CancellationToken cancellationToken)
    {
        var entries = new List<S3Object>();
        await foreach (var entry in bucket.ListAsync(prefix, cancellationToken))
        {
            if (Extensions.Any(ext => entry.Key.EndsWith(ext, StringComparison.Ordinal)))
            {
                entries.Add(entry);
            }
        }

        entries.Sort((a, b) => StringComparer.Ordinal.Compare(a.Key, b.Key));
        return entries;
    }
}
