using Microsoft.Extensions.Options;
using Recommender.Scheduler.Pipeline.Engine;
using Recommender.Scheduler.Storage;

namespace Recommender.Scheduler.Pipeline.Input;

/// <summary>Finds a date's raw objects: its daily partition when there is one, else the dataset's single file.</summary>
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
            return new RawObjects(dataset, RawLayout.DailyPartition, daily);
        }

        // raw/ads_views.csv and friends; raw/ads_views/… (the partitions) does not match the prefix "raw/ads_views.".
        var single = (await ListDataAsync($"{raw}{dataset.Name}.", cancellationToken))
            .Where(key => Extensions.Any(ext => key == $"{raw}{dataset.Name}{ext}"))
            .ToList();
        return single.Count switch
        {
            1 => new RawObjects(dataset, RawLayout.SingleFile, single),
            0 => throw new PipelineFailure(
                $"no raw data for {date:yyyy-MM-dd}: nothing under {partition} and no {raw}{dataset.Name}.csv, .csv.gz or .parquet"),
            _ => throw new PipelineFailure($"{dataset.Name} is ambiguous: {string.Join(", ", single)} all exist; keep one"),
        };
    }

    private async Task<List<string>> ListDataAsync(string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var entry in bucket.ListAsync(prefix, cancellationToken))
        {
            if (Extensions.Any(ext => entry.Key.EndsWith(ext, StringComparison.Ordinal)))
            {
                keys.Add(entry.Key);
            }
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }
}
