using Recommender.Contracts;

namespace Recommender.Tests.Api.Fixtures;

/// <summary>
/// One advertiser's published data on one date, as a test writes it: its two ranked product lists
/// (either may be empty: active without recommendations). Scores and their evidence (clicks and impressions, views) follow from the rank, so a test
/// can state the expected response without arithmetic.
/// </summary>
public sealed record FixtureAdvertiser(string Id, IReadOnlyList<string> TopCtr, IReadOnlyList<string> TopProduct)
{
    public static long Clicks(int rank) => 100 - rank;

    public const long Impressions = 1_000;

    public static long Views(int rank) => 1_000 - (10 * rank);

    public IReadOnlyList<RecommendedProduct> Expected(string model) => model == ModelNames.TopCtr
        ? [.. TopCtr.Select((product, i) => new RecommendedProduct(product, i + 1, (double)Clicks(i + 1) / Impressions, Clicks(i + 1), Impressions))]
        : [.. TopProduct.Select((product, i) => new RecommendedProduct(product, i + 1, Views(i + 1), Views: Views(i + 1)))];
}
