namespace Recommender.Scheduler.Pipeline.Engine.Csv;

/// <summary>
/// What reading one dataset's CSV files found, and the CSV parts holding the kept rows' sums; when
/// <paramref name="KeysUnique"/> is false a key can appear in several parts and must be summed.
/// </summary>
internal sealed record CsvDigest(long RowsRead, long RowsKept, IReadOnlyList<BadRowReason> Reasons, IReadOnlyList<string> Parts, bool KeysUnique);
