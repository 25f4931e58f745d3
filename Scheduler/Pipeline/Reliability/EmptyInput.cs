using System.Globalization;
using Recommender.Scheduler.Pipeline.Engine;
using Recommender.Scheduler.Pipeline.Input;

namespace Recommender.Scheduler.Pipeline.Reliability;

/// <summary>
/// A day with nothing to rank is missing input, never an empty day: publishing it would replace the
/// date's recommendations with none. Each check names the objects to fix.
/// </summary>
public static class EmptyInput
{
    /// <summary>The first reason the filtered day must not go on, or null when it has rows to rank.</summary>
    public static string? Problem(FilterResult result, IReadOnlyDictionary<RawDataset, RawObjects> located, string advertiserIdsKey, DateOnly date)
    {
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (result.ActiveAdvertisers == 0)
        {
            return $"{advertiserIdsKey} lists no advertisers; upload the list of active advertisers (header advertiser_id, one id a line)";
        }

        foreach (var scan in result.Datasets)
        {
            if (scan.RowsRead == 0)
            {
                var keys = located[RawDataset.All.Single(d => d.Name == scan.Dataset)].Keys;
                return $"no rows of {scan.Dataset} for {day} in {string.Join(", ", keys)}; upload the day's data and run it again";
            }
        }

        return result.Datasets.All(scan => scan.RowsKept == 0)
            ? $"none of the {result.ActiveAdvertisers} advertisers in {advertiserIdsKey} appear in the data of {day}; check that the list and the logs are of the same advertisers"
            : null;
    }
}
