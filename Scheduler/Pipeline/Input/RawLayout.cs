namespace Recommender.Scheduler.Pipeline.Input;

public enum RawLayout
{
    /// <summary><c>&lt;raw&gt;&lt;dataset&gt;/date=YYYY-MM-DD/*</c>: the objects hold that day.</summary>
    DailyPartition,

    /// <summary><c>&lt;raw&gt;&lt;dataset&gt;.csv|.csv.gz|.parquet</c>: one object spanning many days.</summary>
    SingleFile,
}
