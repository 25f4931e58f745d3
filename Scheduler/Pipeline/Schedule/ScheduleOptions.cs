namespace Recommender.Scheduler.Pipeline.Schedule;

/// <summary>When the daily run is queued (section <c>Schedule</c>) and what happens after downtime.</summary>
public sealed record ScheduleOptions
{
    public const string Section = "Schedule";

    public bool Enabled { get; init; } = true;

    /// <summary>Five-field cron in <see cref="TimeZone"/>; the run it queues is for the day before.</summary>
    public string Cron { get; init; } = "0 2 * * *";

    /// <summary>An IANA or Windows time zone id; "yesterday" is counted in it too.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary><c>none</c>, <c>latest</c> or <c>all</c>: which unpublished days within retention to queue at start.</summary>
    public string CatchUp { get; init; } = "latest";

    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<string> Problems()
    {
        if (Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5)
        {
            yield return $"Schedule:Cron '{Cron}' must have five fields (minute hour day month weekday).";
        }

        if (!System.TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return $"Schedule:TimeZone '{TimeZone}' is not a known time zone.";
        }

        if (!Enum.TryParse<CatchUpPolicy>(CatchUp, ignoreCase: true, out _))
        {
            yield return $"Schedule:CatchUp '{CatchUp}' must be none, latest or all.";
        }
    }

    public CatchUpPolicy ResolveCatchUp() => Enum.Parse<CatchUpPolicy>(CatchUp, ignoreCase: true);

    /// <summary>The day before today in the schedule's time zone.</summary>
    public DateOnly Yesterday(TimeProvider clock) =>
        DateOnly.FromDateTime(System.TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ResolveTimeZone()).DateTime).AddDays(-1);
}
