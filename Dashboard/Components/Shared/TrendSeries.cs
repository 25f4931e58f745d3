using Recommender.Contracts;

namespace Recommender.Dashboard.Components.Shared;

/// <summary>One line of a <see cref="TrendChart"/>: its legend name and the value it takes from each day.</summary>
public sealed record TrendSeries(string Name, Func<StatsTrendDay, double?> Value);
