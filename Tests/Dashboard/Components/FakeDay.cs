using Recommender.Contracts;

namespace Recommender.Tests.Dashboard.Components;

/// <summary>One published date of <see cref="FakeRecsApi"/>: each advertiser's ranked lists per model.</summary>
public sealed class FakeDay(DateOnly date)
{
    public DateOnly Date { get; } = date;

    public Dictionary<string, List<RecommendedProduct>> TopCtr { get; } = [];

    public Dictionary<string, List<RecommendedProduct>> TopProduct { get; } = [];
}
