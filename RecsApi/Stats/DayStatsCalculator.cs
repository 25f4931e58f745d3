using Recommender.Contracts;
using Recommender.RecsApi.Snapshot;

namespace Recommender.RecsApi.Stats;

/// <summary>
/// Computes <see cref="DayStats"/> from the in-memory days, as <c>model_overlap.sql</c> and
/// <c>model_changes.sql</c> define them: overlap per advertiser with recommendations, and per model the
/// products that entered, left and stayed for advertisers active on both this and the previous date.
/// </summary>
public static class DayStatsCalculator
{
    public static DayStats Compute(SnapshotDay day, SnapshotDay? previous)
    {
        var active = 0;
        var overlap = new List<AdvertiserOverlap>();
        var changes = new[] { new List<RecommendationChange>(), new List<RecommendationChange>() };
        foreach (var advertiserId in day.AdvertiserIds)
        {
            day.TryRead(advertiserId, out var today);
            var (ctr, product) = (Ids(today.TopCtr), Ids(today.TopProduct));
            if (today.Totals.Active)
            {
                active++;
            }

            if (ctr.Count > 0 || product.Count > 0)
            {
                var shared = ctr.Count(product.Contains);
                overlap.Add(new AdvertiserOverlap(
                    advertiserId, day.Date, ctr.Count, product.Count, shared, StatsQueries.Percent(shared, Math.Max(ctr.Count, product.Count))));
            }

            if (previous is not null && today.Totals.Active
                && previous.TryRead(advertiserId, out var before) && before.Totals.Active)
            {
                AddChange(changes[0], day, previous.Date, advertiserId, ctr, Ids(before.TopCtr));
                AddChange(changes[1], day, previous.Date, advertiserId, product, Ids(before.TopProduct));
            }
        }

        return new DayStats(
            day.Date, previous?.Date, active, overlap.Count, overlap, StatsQueries.Largest(changes[0]), StatsQueries.Largest(changes[1]));
    }

    private static void AddChange(List<RecommendationChange> changes, SnapshotDay day, DateOnly previousDate, string advertiserId, HashSet<string> today, HashSet<string> before)
    {
        if (today.Count == 0 && before.Count == 0)
        {
            return;
        }

        var shared = today.Count(before.Contains);
        var (entered, left) = (today.Count - shared, before.Count - shared);
        changes.Add(new RecommendationChange(
            advertiserId, day.Date, previousDate, entered, left, shared, StatsQueries.Percent(entered + left, entered + left + shared)));
    }

    private static HashSet<string> Ids(IReadOnlyList<RecommendedProduct> products) =>
        products.Select(p => p.ProductId).ToHashSet(StringComparer.Ordinal);
}
