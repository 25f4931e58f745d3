namespace Recommender.Contracts;

/// <summary>Per model, the advertisers whose recommendations changed most since the previous published date.</summary>
public sealed record ModelChanges(IReadOnlyList<RecommendationChange> TopCtr, IReadOnlyList<RecommendationChange> TopProduct);
