namespace Recommender.Contracts;

/// <summary>A pipeline run with each step's progress and the data-quality findings the run recorded.</summary>
public sealed record RunDetails(RunSummary Run, IReadOnlyList<RunStep> Steps, DataQualityReport DataQuality);
