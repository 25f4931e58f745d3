using System.Net;
using Recommender.Contracts;
using Recommender.Tests.Api.Fixtures;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

[Collection(SharedRecsDatabase.Name)]
public sealed class HistoryApiTests(StackFixture stack) : StandardDataTest(stack)
{
    [Fact]
    public async Task History_lists_both_models_of_each_active_date_newest_first()
    {
        var history = await Api.GetHistoryAsync(Data.Alpha, cancellationToken: Cancel);

        Assert.Equal(Data.Alpha, history.AdvertiserId);
        Assert.Equal(7, history.DaysRequested);
        Assert.Equal([Data.D0, Data.D1, Data.D2], history.Days.Select(d => d.Date));
        foreach (var day in history.Days)
        {
            Assert.Equal(Data.AlphaOn(day.Date).Expected(ModelNames.TopCtr), day.TopCtr);
            Assert.Equal(Data.AlphaOn(day.Date).Expected(ModelNames.TopProduct), day.TopProduct);
        }
    }

    [Fact]
    public async Task Days_limits_history_to_the_newest_published_dates()
    {
        var history = await Api.GetHistoryAsync(Data.Alpha, days: 2, cancellationToken: Cancel);

        Assert.Equal([Data.D0, Data.D1], history.Days.Select(d => d.Date));
    }

    [Fact]
    public async Task History_skips_dates_the_advertiser_was_not_active_on()
    {
        var history = await Api.GetHistoryAsync(Data.Echo, cancellationToken: Cancel);

        Assert.Equal([Data.D0, Data.D1], history.Days.Select(d => d.Date));
    }

    [Fact]
    public async Task Active_date_without_recommendations_is_listed_with_empty_lists()
    {
        var history = await Api.GetHistoryAsync(Data.Bravo, cancellationToken: Cancel);

        var day = Assert.Single(history.Days);
        Assert.Equal(Data.D0, day.Date);
        Assert.Empty(day.TopCtr);
        Assert.Empty(day.TopProduct);
    }

    [Fact]
    public async Task Original_path_with_a_trailing_slash_answers_the_same()
    {
        var current = await Api.GetHistoryAsync(Data.Alpha, cancellationToken: Cancel);
        var legacy = await Api.GetHistoryLegacyAsync(Data.Alpha, Cancel);

        Assert.Equal(current.Days.Select(d => d.Date), legacy.Days.Select(d => d.Date));
        Assert.Equal(current.Days[0].TopCtr, legacy.Days[0].TopCtr);
    }

    [Fact]
    public async Task Unknown_advertiser_is_404()
    {
        var problem = await ProblemAsync(HttpStatusCode.NotFound, () => Api.GetHistoryAsync(Data.Nobody, cancellationToken: Cancel));

        Assert.Contains(Data.Nobody, problem.Detail);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public async Task Days_outside_one_to_the_retention_is_400_naming_it(int days)
    {
        var problem = await ProblemAsync(HttpStatusCode.BadRequest, () => Api.GetHistoryAsync(Data.Alpha, days, Cancel));

        Assert.Equal("days", problem.Parameter);
    }
}
