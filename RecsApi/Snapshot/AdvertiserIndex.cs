using Recommender.Contracts;

namespace Recommender.RecsApi.Snapshot;

/// <summary>The advertiser index of <c>GET /advertisers</c>, from the in-memory days.</summary>
internal static class AdvertiserIndex
{
    /// <summary>Every advertiser active on one of <paramref name="days"/> (newest first), ordered by id.</summary>
    public static List<AdvertiserSummary> Build(IReadOnlyList<SnapshotDay> days)
    {
        var latest = new Dictionary<string, (SnapshotDay Day, AdvertiserTotals Totals, int DatesActive)>(StringComparer.Ordinal);
        foreach (var day in days)
        {
            foreach (var advertiserId in day.AdvertiserIds)
            {
                if (!day.TryReadTotals(advertiserId, out var totals) || !totals.Active)
                {
                    continue;
                }

                latest[advertiserId] = latest.TryGetValue(advertiserId, out var newer)
                    ? newer with { DatesActive = newer.DatesActive + 1 }
                    : (day, totals, 1);
            }
        }

        var advertisers = latest
            .Select(a => new AdvertiserSummary(
                a.Key, a.Value.Day.Date, a.Value.DatesActive, a.Value.Totals.TopCtrProducts, a.Value.Totals.TopProductProducts,
                a.Value.Totals.Impressions, a.Value.Totals.Clicks, a.Value.Totals.Views))
            .ToList();
        advertisers.Sort((a, b) => string.CompareOrdinal(a.AdvertiserId, b.AdvertiserId));
        return advertisers;
    }
}
