using System.Net;
using System.Net.Http.Json;
using Recommender.Contracts;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

/// <summary>
/// Queueing runs through the API. The dates are far in the past, so a pipeline worker that takes
/// such a run only fails it for want of raw data; the runs a test created are deleted afterwards.
/// </summary>
[Collection(SharedRecsDatabase.Name)]
public sealed class AdminApiTests(StackFixture stack) : AdminTest(stack)
{
    private static readonly DateOnly OldDate = new(2001, 3, 1);

    [Fact]
    public async Task Queue_run_without_a_key_is_401()
    {
        using var response = await SendUntilNotLimitedAsync(() => Http.PostAsJsonAsync("/runs", new { date = "2001-03-02" }, Cancel));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "ApiKey");
    }

    [Fact]
    public async Task Backfill_without_a_key_is_401()
    {
        using var response = await SendUntilNotLimitedAsync(() => Http.PostAsJsonAsync("/runs/backfill", new { from = "2001-03-02", to = "2001-03-03" }, Cancel));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Queue_run_with_a_wrong_key_is_403_and_queues_nothing()
    {
        var before = await CountRunsAsync();

        var response = await Admin.QueueRunAsync(OldDate, "wrong-key-0123456789abcdef");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await CountRunsAsync());
    }

    [Fact]
    public async Task Backfill_with_a_wrong_key_is_403()
    {
        var response = await Admin.BackfillAsync(OldDate, OldDate.AddDays(1), StackFixture.AdminApiKey + "x");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Queue_run_is_202_with_the_new_run_then_200_with_the_same_run()
    {
        var date = OldDate.AddDays(10);

        var first = await Admin.QueueRunAsync(date, StackFixture.AdminApiKey);
        var second = await Admin.QueueRunAsync(date, StackFixture.AdminApiKey);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.True(first.Content!.Created);
        Assert.Equal(date, first.Content.Date);
        Assert.Equal($"/runs/{first.Content.RunId}", first.Headers?.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(second.Content!.Created);
        Assert.Equal(first.Content.RunId, second.Content.RunId);

        var run = await Api.GetRunAsync(first.Content.RunId, Cancel);
        Assert.Equal("manual", run.Run.Trigger);
        Assert.Equal(date, run.Run.LogicalDate);
    }

    [Fact]
    public async Task Backfill_queues_one_run_per_date_in_order()
    {
        var from = OldDate.AddDays(20);

        var response = await Admin.BackfillAsync(from, from.AddDays(2), StackFixture.AdminApiKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, response.Content!.CreatedRuns);
        Assert.Equal([from, from.AddDays(1), from.AddDays(2)], response.Content.Runs.Select(r => r.Date));
        Assert.Equal(response.Content.Runs.Select(r => r.RunId).Order(), response.Content.Runs.Select(r => r.RunId));
        foreach (var queued in response.Content.Runs)
        {
            var run = await Api.GetRunAsync(queued.RunId, Cancel);
            Assert.Equal("backfill", run.Run.Trigger);
        }

        var again = await Admin.BackfillAsync(from, from.AddDays(2), StackFixture.AdminApiKey);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(0, again.Content!.CreatedRuns);
        Assert.Equal(response.Content.Runs.Select(r => r.RunId), again.Content.Runs.Select(r => r.RunId));
    }

    [Fact]
    public async Task Date_in_the_future_is_400()
    {
        var response = await Admin.QueueRunAsync(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2), StackFixture.AdminApiKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(2, 1, "from")]
    [InlineData(0, 40, "to")]
    public async Task Backfill_of_a_reversed_or_too_long_range_is_400_naming_the_field(int fromDay, int toDay, string field)
    {
        var response = await Admin.BackfillAsync(OldDate.AddDays(fromDay), OldDate.AddDays(toDay), StackFixture.AdminApiKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"parameter\":\"{field}\"", ((Refit.ApiException)response.Error!).Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"date\":\"2024-02-30\"}", "date")]
    [InlineData("{\"date\":\"not a date\"}", "date")]
    [InlineData("{}", "body")]
    [InlineData("[1,2]", "body")]
    [InlineData("{\"date\":", "date")]
    public async Task Malformed_body_is_400_naming_the_field(string body, string field)
    {
        using var response = await SendUntilNotLimitedAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/runs") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add(ApiHeaders.ApiKey, StackFixture.AdminApiKey);
            return Http.SendAsync(request, Cancel);
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync(RecsJsonContext.Default.ApiProblem, Cancel);
        Assert.Equal(field, problem!.Parameter);
    }

    [Fact]
    public async Task Admin_calls_are_rate_limited_with_retry_after()
    {
        var statuses = new List<HttpStatusCode?>();
        TimeSpan? retryAfter = null;
        for (var i = 0; i < 30 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            var response = await Api.QueueRunAsync(new QueueRunRequest(OldDate), "guess-" + i, Cancel);
            statuses.Add(response.StatusCode);
            retryAfter ??= response.Headers?.RetryAfter?.Delta;
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests, s.ToString()));
        Assert.NotNull(retryAfter);

        // Recovers: leave the budget as other tests expect it.
        await EventuallyAsync(async () => (await Api.QueueRunAsync(new QueueRunRequest(OldDate), "guess", Cancel)).StatusCode == HttpStatusCode.Forbidden,
            "the rate limit to let calls through again", TimeSpan.FromSeconds(30));
    }

    private async Task<long> CountRunsAsync()
    {
        await using var count = Fixture.DataSource.CreateCommand("SELECT count(*) FROM pipeline_runs");
        return (long)(await count.ExecuteScalarAsync(Cancel))!;
    }

    private static async Task<HttpResponseMessage> SendUntilNotLimitedAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 30)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(1000, Cancel);
        }
    }
}
