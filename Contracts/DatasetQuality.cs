namespace Recommender.Contracts;

/// <summary>
/// One raw dataset of a run's date: rows read, kept, dropped because their advertiser is inactive,
/// and malformed (per reason, with samples); <see cref="BadShare"/> is malformed / read.
/// </summary>
public sealed record DatasetQuality(
    long RowsRead,
    long RowsKept,
    long RowsInactive,
    long BadRows,
    double BadShare,
    IReadOnlyDictionary<string, BadRowFinding> Reasons);
