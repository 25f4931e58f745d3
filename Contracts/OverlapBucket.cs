namespace Recommender.Contracts;

/// <summary>
/// One bar of the overlap histogram: advertisers whose shared percent is in [<see cref="FromPercent"/>,
/// <see cref="ToPercent"/>) — the last bucket includes 100.
/// </summary>
public sealed record OverlapBucket(double FromPercent, double ToPercent, int Advertisers);

/// <summary>
/// How complete one model's lists are on a date: advertisers with a full list (20), a shorter one, none.
/// </summary>
public sealed record ModelCoverage(int Full, int Short, int Empty);

/// <summary>Coverage per model.</summary>
public sealed record Coverage(ModelCoverage TopCtr, ModelCoverage TopProduct);
