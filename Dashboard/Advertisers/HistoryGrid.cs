using Recommender.Contracts;

namespace Recommender.Dashboard.Advertisers;

/// <summary>Products × dates of one model: the rank each product held on each retained day, or none.</summary>
public sealed record HistoryGrid(IReadOnlyList<DateOnly> Dates, IReadOnlyList<HistoryRow> Rows)
{
    public static HistoryGrid Of(HistoryResponse history, string model)
    {
        var days = history.Days.OrderBy(d => d.Date).ToList();
        var ranks = days.Select(d => (model == ModelNames.TopCtr ? d.TopCtr : d.TopProduct).ToDictionary(p => p.ProductId, p => p.Rank, StringComparer.Ordinal)).ToList();
        var latest = ranks.Count == 0 ? [] : ranks[^1];
        var rows = ranks.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal)
            .Select(product => new HistoryRow(product, ranks.Select(r => r.TryGetValue(product, out var rank) ? rank : (int?)null).ToList()))
            // Today's list first in rank order, then products that left, by the last day they were listed.
            .OrderBy(row => latest.TryGetValue(row.ProductId, out var rank) ? rank : int.MaxValue)
            .ThenByDescending(row => row.LastListed)
            .ThenBy(row => row.ProductId, StringComparer.Ordinal)
            .ToList();
        return new HistoryGrid(days.Select(d => d.Date).ToList(), rows);
    }
}

/// <summary>One product's rank on each day of a <see cref="HistoryGrid"/> (null: not listed).</summary>
public sealed record HistoryRow(string ProductId, IReadOnlyList<int?> Ranks)
{
    public int LastListed => Ranks.Select((rank, index) => rank is null ? -1 : index).Max();
}
