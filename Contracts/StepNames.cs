namespace Recommender.Contracts;

/// <summary>The steps of a pipeline run, as named in the ledger and the API, in pipeline order.</summary>
public static class StepNames
{
    public const string Filter = "filter";
    public const string TopCtr = "top_ctr";
    public const string TopProduct = "top_product";
    public const string Publish = "publish";

    public static IReadOnlyList<string> All { get; } = [Filter, TopCtr, TopProduct, Publish];
}
