namespace Recommender.Scheduler.Pipeline.Schedule;

/// <summary>Which days to queue at start: never older than the retention window, never a published day.</summary>
public static class CatchUpPlan
{
    public static IReadOnlyList<DateOnly> MissedDays(CatchUpPolicy policy, DateOnly yesterday, int retentionDays, IReadOnlySet<DateOnly> settled)
    {
        var window = Enumerable.Range(0, retentionDays).Select(i => yesterday.AddDays(-(retentionDays - 1) + i));
        var missed = window.Where(day => !settled.Contains(day)).ToList();
        return policy switch
        {
            CatchUpPolicy.None => [],
            CatchUpPolicy.Latest => missed.Contains(yesterday) ? [yesterday] : [],
            _ => missed,
        };
    }
}
