namespace Recommender.Contracts;

/// <summary>One recommended product. The score is the CTR (top_ctr) or the view count (top_product).</summary>
public sealed record RecommendedProduct(string ProductId, int Rank, double Score);
