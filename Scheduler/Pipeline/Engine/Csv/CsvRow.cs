namespace Recommender.Scheduler.Pipeline.Engine.Csv;

/// <summary>What one CSV line is to the run.</summary>
internal enum LineKind
{
    /// <summary>An empty line: not a row at all.</summary>
    Blank,

    /// <summary>A row dated outside the run's dates: another run's business, not read here.</summary>
    OtherDate,

    /// <summary>A malformed row: counted under a reason and skipped.</summary>
    Bad,

    /// <summary>A well-formed row of an advertiser that is not active: read, not kept.</summary>
    Inactive,

    /// <summary>A well-formed row of an active advertiser.</summary>
    Kept,
}
