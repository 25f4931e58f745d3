using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Recommender.Contracts;
using Recommender.Tests.Api.Fixtures;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

/// <summary>
/// PostgreSQL stopped under the API and started again, through Aspire's own resource commands.
/// Runs alone, after every other test, so no other test meets the outage; leaves the stack healthy.
/// </summary>
[Collection(ServerOutage.Name)]
public sealed class DatabaseOutageTests(StackFixture stack) : StandardDataTest(stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Database_outage_is_503_and_the_api_heals_without_a_restart()
    {
        var data = Data;
        var earlierDate = $"/recommendations/{data.Alpha}/top_ctr?date={data.D2:yyyy-MM-dd}";
        var latest = $"/recommendations/{data.Alpha}/top_ctr";
        var commands = Stack.App.Services.GetRequiredService<ResourceCommandService>();

        var stopped = await commands.ExecuteCommandAsync("postgres", KnownResourceCommands.StopCommand, Cancel);
        Assert.True(stopped.Success, stopped.Message);
        try
        {
            await EventuallyAsync(async () => await StatusAsync("/runs") == HttpStatusCode.ServiceUnavailable, "503 from /runs", Patience);

            using var unavailable = await Http.GetAsync(earlierDate, Cancel);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
            Assert.Equal("application/problem+json", unavailable.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(unavailable.Headers.RetryAfter);
            // The latest date lives in memory and is still answered.
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(latest));
        }
        finally
        {
            var started = await commands.ExecuteCommandAsync("postgres", KnownResourceCommands.StartCommand, CancellationToken.None);
            Assert.True(started.Success, started.Message);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await Stack.App.ResourceNotifications.WaitForResourceHealthyAsync("recs", timeout.Token);
        Fixture.DataSource.Clear(); // this test's own pooled connections died with the server
        await EventuallyAsync(async () => await StatusAsync("/runs") == HttpStatusCode.OK, "/runs to answer 200 again", Patience);
        await EventuallyAsync(async () => await StatusAsync(earlierDate) == HttpStatusCode.OK, "an earlier date to answer 200 again", Patience);

        // The listener is back too: a new publication reaches the in-memory snapshot.
        await Fixture.PublishAsync(data.D0, [new FixtureAdvertiser(data.Alpha, ["healed"], ["healed"]), data.BravoOnD0, data.EchoOn(data.D0)], Cancel);
        await EventuallyAsync(
            async () => (await Api.GetRecommendationsAsync(data.Alpha, ModelNames.TopCtr, cancellationToken: Cancel)).Products is [{ ProductId: "healed" }],
            "the snapshot to follow a publication after the outage", Patience);

        foreach (var resource in StackFixture.Resources)
        {
            await Stack.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }
    }

    private async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var response = await Http.GetAsync(path, Cancel);
        return response.StatusCode;
    }
}
