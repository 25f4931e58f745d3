using Recommender.Scheduler.Pipeline.Schedule;

namespace Recommender.Tests.Pipeline.Unit;

public sealed class CatchUpPlanTests
{
    private static readonly DateOnly Yesterday = new(2026, 5, 20);

    [Fact]
    public void None_queues_nothing()
    {
        Assert.Empty(CatchUpPlan.MissedDays(CatchUpPolicy.None, Yesterday, 7, new HashSet<DateOnly>()));
    }

    [Fact]
    public void Latest_queues_yesterday_only_when_it_is_not_published()
    {
        Assert.Equal([Yesterday], CatchUpPlan.MissedDays(CatchUpPolicy.Latest, Yesterday, 7, new HashSet<DateOnly>()));
        Assert.Empty(CatchUpPlan.MissedDays(CatchUpPolicy.Latest, Yesterday, 7, new HashSet<DateOnly> { Yesterday }));
    }

    [Fact]
    public void All_queues_every_unpublished_day_within_retention_oldest_first()
    {
        var settled = new HashSet<DateOnly> { Yesterday.AddDays(-1), Yesterday.AddDays(-4) };

        var days = CatchUpPlan.MissedDays(CatchUpPolicy.All, Yesterday, 7, settled);

        Assert.Equal([Yesterday.AddDays(-6), Yesterday.AddDays(-5), Yesterday.AddDays(-3), Yesterday.AddDays(-2), Yesterday], days);
    }
}
