namespace Recommender.Scheduler.Pipeline.Engine;

/// <summary>One malformed row kept as an example: the object it is in, its line when known, and its text.</summary>
public sealed record BadRowSample(string Object, long? Line, string Text);

/// <summary>How many rows were skipped for one reason, with up to 10 examples.</summary>
public sealed record BadRowReason(string Reason, long Count, IReadOnlyList<BadRowSample> Samples);

/// <summary>What filtering one dataset found: rows that concern the run's dates, the malformed ones among them, and rows kept.</summary>
public sealed record DatasetScan(string Dataset, long RowsRead, long BadRows, long RowsKept, IReadOnlyList<BadRowReason> Reasons)
{
    public double BadShare => RowsRead == 0 ? 0 : (double)BadRows / RowsRead;
}
