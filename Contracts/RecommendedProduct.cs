using System.Text.Json.Serialization;

namespace Recommender.Contracts;

/// <summary>
/// One recommended product. The score is the CTR (top_ctr) or the view count (top_product); the
/// evidence behind it is <see cref="Clicks"/> and <see cref="Impressions"/> (top_ctr) or
/// <see cref="Views"/> (top_product), null for the other model and left out of the JSON.
/// </summary>
public sealed record RecommendedProduct(
    string ProductId,
    int Rank,
    double Score,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Clicks = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Impressions = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Views = null);
