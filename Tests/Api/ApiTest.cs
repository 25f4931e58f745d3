using System.Diagnostics;
using System.Net;
using Npgsql;
using Recommender.Contracts;
using Recommender.Tests.Api.Fixtures;
using Recommender.Tests.Infrastructure;
using Refit;

namespace Recommender.Tests.Api;

/// <summary>
/// Base of RecsApi tests: a Refit client built from Contracts, a raw HTTP client for what the typed
/// contract does not show (headers, raw JSON), and a fixture publisher whose rows are removed after
/// the test. Tests that publish or depend on the latest date run in <see cref="SharedRecsDatabase"/>.
/// </summary>
public abstract class ApiTest(StackFixture stack) : StackTest(stack)
{
    private static readonly TimeSpan PipelineIdleTimeout = TimeSpan.FromMinutes(3);

    protected IRecsApi Api { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    protected FixturePublisher Fixture { get; private set; } = null!;

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        // The stack publishes its seeded sample days at start; fixture rows must not be wiped by that.
        await Stack.WaitForSampleDaysPublishedAsync();
        Http = Stack.CreateHttpClient("recsapi");
        Api = RecsApiClient.Create(Stack.CreateHttpClient("recsapi"));
        Fixture = new FixturePublisher(await Stack.CreateDataSourceAsync());
        await WaitForPipelineIdleAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await Fixture.DisposeAsync();
        Http.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Publishes and waits until the API's snapshot shows it (the advertiser index is built from the snapshot).</summary>
    protected async Task PublishAsync(DateOnly date, params FixtureAdvertiser[] advertisers)
    {
        await Fixture.PublishAsync(date, advertisers, Cancel);
        var expected = advertisers.Select(a => a.Id).ToHashSet();
        await EventuallyAsync(async () =>
        {
            var page = await Api.GetAdvertisersAsync(Fixture.Prefix, pageSize: 500, cancellationToken: Cancel);
            return expected.All(id => page.Items.Any(a => a.AdvertiserId == id && a.LatestDate >= date));
        }, "the API to serve the new publication");
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails after <paramref name="timeout"/> (default 15 s).</summary>
    protected static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(15)), $"Timed out waiting for {what}.");
            await Task.Delay(100, Cancel);
        }
    }

    /// <summary>Asserts that the call fails with <paramref name="status"/> and a problem-details body, and returns it.</summary>
    protected static async Task<ApiProblem> ProblemAsync(HttpStatusCode status, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<ApiException>(call);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("application/problem+json", error.ContentHeaders?.ContentType?.MediaType);
        var problem = await error.GetContentAsAsync<ApiProblem>();
        Assert.NotNull(problem);
        Assert.Equal((int)status, problem.Status);
        return problem;
    }

    /// <summary>
    /// Waits while the pipeline has recent dates queued or running, so its publishes do not land in
    /// the middle of a test. Runs for old dates (which admin tests queue) do not count.
    /// </summary>
    private async Task WaitForPipelineIdleAsync()
    {
        var clock = Stopwatch.StartNew();
        await using var command = Fixture.DataSource.CreateCommand(
            "SELECT count(*) FROM pipeline_runs WHERE status IN ('queued', 'running') AND logical_date >= $1");
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = FixturePublisher.Yesterday.AddDays(-30) });
        while ((long)(await command.ExecuteScalarAsync(Cancel))! > 0 && clock.Elapsed < PipelineIdleTimeout)
        {
            await Task.Delay(500, Cancel);
        }
    }
}
