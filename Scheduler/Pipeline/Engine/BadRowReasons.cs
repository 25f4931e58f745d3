namespace Recommender.Scheduler.Pipeline.Engine;

/// <summary>Why a raw row was skipped. The names appear in run records and metrics.</summary>
public static class BadRowReasons
{
    public const string WrongColumnCount = "wrong_column_count";
    public const string InvalidUtf8 = "invalid_utf8";
    public const string StrayQuote = "stray_quote";
    public const string EmptyId = "empty_id";
    public const string OverlongField = "overlong_field";
    public const string UnknownType = "unknown_type";
    public const string UnparseableDate = "unparseable_date";

    /// <summary>Every reason a row can be skipped for.</summary>
    public static readonly string[] All = [WrongColumnCount, InvalidUtf8, OverlongField, StrayQuote, EmptyId, UnknownType, UnparseableDate];

    /// <summary>How many example rows a run record keeps per reason.</summary>
    public const int SamplesPerReason = 10;

    /// <summary>How much of a row's text an example keeps.</summary>
    public const int SampleLength = 200;
}
