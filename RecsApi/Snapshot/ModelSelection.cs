using Recommender.Contracts;

namespace Recommender.RecsApi.Snapshot;

/// <summary>Which of an advertiser's lists to decode.</summary>
[Flags]
public enum ModelSelection
{
    TopCtr = 1,
    TopProduct = 2,
    Both = TopCtr | TopProduct,
}

public static class ModelSelections
{
    public static ModelSelection Of(string model) => model == ModelNames.TopCtr ? ModelSelection.TopCtr : ModelSelection.TopProduct;
}
