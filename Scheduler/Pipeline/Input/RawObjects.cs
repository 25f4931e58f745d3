using Recommender.Scheduler.Pipeline.Engine;

namespace Recommender.Scheduler.Pipeline.Input;

/// <summary>The objects of one dataset that hold a date's rows, and the layout they were found in.</summary>
public sealed record RawObjects(RawDataset Dataset, RawLayout Layout, IReadOnlyList<string> Keys);
