namespace Recommender.Contracts;

/// <summary>How many rows were skipped for one reason, with up to 10 of them as they were read.</summary>
public sealed record BadRowFinding(long Count, IReadOnlyList<BadRowSample> Samples);

/// <summary>A skipped row: the object it came from, its line number there (1-based), and its text (cut at 200 characters).</summary>
public sealed record BadRowSample(string Object, long Line, string Text);
