namespace Recommender.Contracts;

/// <summary>The two published recommendation models, as they are named in URLs and JSON.</summary>
public static class ModelNames
{
    /// <summary>Products ranked by click-through rate; the score is the CTR.</summary>
    public const string TopCtr = "top_ctr";

    /// <summary>Products ranked by views; the score is the view count.</summary>
    public const string TopProduct = "top_product";

    public static IReadOnlyList<string> All { get; } = [TopCtr, TopProduct];

    /// <summary>How many products a full list of either model holds; shorter lists have fewer candidates.</summary>
    public const int ListLength = 20;

    /// <summary>The canonical name of <paramref name="model"/> (matched case-insensitively), or null when unknown.</summary>
    public static string? Normalize(string? model) =>
        string.Equals(model, TopCtr, StringComparison.OrdinalIgnoreCase) ? TopCtr
        : string.Equals(model, TopProduct, StringComparison.OrdinalIgnoreCase) ? TopProduct
        : null;
}
