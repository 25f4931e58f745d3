using System.Net;
using System.Net.Http.Headers;
using Recommender.Tests.Api.Fixtures;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

[Collection(SharedRecsDatabase.Name)]
public sealed class CachingTests(StackFixture stack) : StandardDataTest(stack)
{
    public static TheoryData<string> ReadPaths() =>
    [
        "/recommendations/{alpha}/top_ctr",
        "/recommendations/{alpha}/top_product?date={d2}",
        "/history/{alpha}",
        "/stats",
        "/stats?date={d1}&page=1&page_size=5",
        "/advertisers?q={prefix}",
        "/runs",
    ];

    [Theory]
    [MemberData(nameof(ReadPaths))]
    public async Task Read_endpoints_send_an_etag_and_answer_304_when_it_matches(string template)
    {
        var path = Expand(template);
        using var first = await Http.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(first.Headers.ETag);
        Assert.NotNull(first.Headers.CacheControl);

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag);
        using var second = await Http.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task Stale_etag_gets_the_full_response()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Expand("/recommendations/{alpha}/top_ctr"));
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0000000000000000\""));

        using var response = await Http.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Published_data_may_be_cached_and_the_run_ledger_must_be_revalidated()
    {
        using var published = await Http.GetAsync(Expand("/recommendations/{alpha}/top_ctr"), Cancel);
        using var runs = await Http.GetAsync("/runs", Cancel);

        Assert.True(published.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromSeconds(60), published.Headers.CacheControl.MaxAge);
        Assert.True(runs.Headers.CacheControl!.NoCache);
    }

    [Fact]
    public async Task Etag_changes_when_the_list_is_republished()
    {
        using var before = await Http.GetAsync(Expand("/recommendations/{alpha}/top_ctr"), Cancel);

        await PublishAsync(Data.D0, new FixtureAdvertiser(Data.Alpha, ["z1"], ["z2"]), Data.BravoOnD0, Data.EchoOn(Data.D0));
        await EventuallyAsync(async () =>
        {
            using var after = await Http.GetAsync(Expand("/recommendations/{alpha}/top_ctr"), Cancel);
            return !Equals(before.Headers.ETag, after.Headers.ETag);
        }, "a new ETag");
    }

    private string Expand(string template) => template
        .Replace("{alpha}", Data.Alpha, StringComparison.Ordinal)
        .Replace("{prefix}", Fixture.Prefix, StringComparison.Ordinal)
        .Replace("{d1}", Data.D1.ToString("yyyy-MM-dd"), StringComparison.Ordinal)
        .Replace("{d2}", Data.D2.ToString("yyyy-MM-dd"), StringComparison.Ordinal);
}
