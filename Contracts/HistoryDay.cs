namespace Recommender.Contracts;

/// <summary>Both models' lists for one advertiser on one published date (empty when it had none).</summary>
public sealed record HistoryDay(
    DateOnly Date, IReadOnlyList<RecommendedProduct> TopCtr, IReadOnlyList<RecommendedProduct> TopProduct);
