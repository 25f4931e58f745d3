using Recommender.Contracts;

namespace Recommender.Dashboard.Advertisers;

/// <summary>How one product's place moved between the previous date and the shown one.</summary>
public sealed record ProductChange(string ProductId, ProductChangeKind Kind, int? Rank, int? PreviousRank)
{
    /// <summary>Every product that entered, left or moved, new ones first, then dropped, then by how far they moved.</summary>
    public static IReadOnlyList<ProductChange> Between(IReadOnlyList<RecommendedProduct> previous, IReadOnlyList<RecommendedProduct> current)
    {
        var before = previous.ToDictionary(p => p.ProductId, p => p.Rank, StringComparer.Ordinal);
        var now = current.ToDictionary(p => p.ProductId, p => p.Rank, StringComparer.Ordinal);
        var changes = new List<ProductChange>();
        foreach (var product in current)
        {
            if (!before.TryGetValue(product.ProductId, out var previousRank))
            {
                changes.Add(new(product.ProductId, ProductChangeKind.New, product.Rank, null));
            }
            else if (previousRank != product.Rank)
            {
                changes.Add(new(product.ProductId, previousRank > product.Rank ? ProductChangeKind.Up : ProductChangeKind.Down, product.Rank, previousRank));
            }
        }

        changes.AddRange(previous.Where(p => !now.ContainsKey(p.ProductId)).Select(p => new ProductChange(p.ProductId, ProductChangeKind.Dropped, null, p.Rank)));
        return changes.OrderBy(c => c.Kind).ThenByDescending(c => Math.Abs((c.PreviousRank ?? 0) - (c.Rank ?? 0))).ThenBy(c => c.Rank ?? c.PreviousRank).ToList();
    }
}

public enum ProductChangeKind
{
    New,
    Dropped,
    Up,
    Down,
}
