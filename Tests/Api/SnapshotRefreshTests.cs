using System.Diagnostics;
using Recommender.Contracts;
using Recommender.Tests.Api.Fixtures;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

[Collection(SharedRecsDatabase.Name)]
public sealed class SnapshotRefreshTests(StackFixture stack) : ApiTest(stack)
{
    [Fact]
    public async Task A_publish_is_served_within_seconds_through_the_notification()
    {
        var date = FixturePublisher.Yesterday;
        var id = Fixture.Id("REFRESH");
        await PublishAsync(date, new FixtureAdvertiser(id, ["a1", "a2"], ["b1"]));
        Assert.Equal(["a1", "a2"], (await Api.GetRecommendationsAsync(id, ModelNames.TopCtr, cancellationToken: Cancel)).Products.Select(p => p.ProductId));

        var clock = Stopwatch.StartNew();
        await Fixture.PublishAsync(date, [new FixtureAdvertiser(id, ["c1", "c2", "c3"], ["b1"])], Cancel);

        // The periodic check runs every 30 s; seeing the change well before that proves the notification works.
        await EventuallyAsync(async () =>
            (await Api.GetRecommendationsAsync(id, ModelNames.TopCtr, cancellationToken: Cancel)).Products.Count == 3,
            "the republished list", TimeSpan.FromSeconds(5));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_newly_published_advertiser_is_served_as_the_latest_date()
    {
        var date = FixturePublisher.Yesterday;
        var id = Fixture.Id("NEWCOMER");

        await PublishAsync(date, new FixtureAdvertiser(id, ["n1"], ["n2", "n3"]));

        var response = await Api.GetRecommendationsAsync(id, ModelNames.TopProduct, cancellationToken: Cancel);
        Assert.Equal(date, response.Date);
        Assert.Equal(["n2", "n3"], response.Products.Select(p => p.ProductId));
    }

    [Fact]
    public async Task A_publish_whose_notification_was_lost_is_picked_up_by_the_periodic_check()
    {
        var id = Fixture.Id("SILENT");

        await Fixture.PublishAsync(FixturePublisher.Yesterday, [new FixtureAdvertiser(id, ["s1"], ["s2"])], Cancel, notify: false);

        // Snapshot:CheckIntervalSeconds is 30 by default.
        await EventuallyAsync(async () => (await Api.GetAdvertisersAsync(id, cancellationToken: Cancel)).TotalItems == 1,
            "the periodic check to load the publication", TimeSpan.FromSeconds(45));
        Assert.Equal(["s1"], (await Api.GetRecommendationsAsync(id, ModelNames.TopCtr, cancellationToken: Cancel)).Products.Select(p => p.ProductId));
    }
}
