using System.Net;
using Aspire.Hosting.Testing;
using Npgsql;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

/// <summary>
/// The built RecsApi as its own process, reading the stack's PostgreSQL through a line the test can
/// cut: its log says when an outage starts, summarizes it while it lasts and says when it ends, with
/// the counts — never one line per 503.
/// </summary>
public sealed class DatabaseOutageLogTests(StackFixture stack) : StackTest(stack)
{
    private const string Started = "PostgreSQL is unavailable (first seen answering /runs";
    private const string Ongoing = "PostgreSQL still unavailable after";
    private const string Ended = "PostgreSQL is back after";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_outage_is_logged_when_it_starts_in_summaries_while_it_lasts_and_when_it_ends_with_its_counts()
    {
        await Stack.WaitForSampleDaysPublishedAsync();
        var recs = new NpgsqlConnectionStringBuilder(await Stack.App.GetConnectionStringAsync("recs", Cancel));
        await using var line = TcpForwarder.Start(recs.Host!, recs.Port);
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        await using var api = await WebAppProcess.StartAsync(RepositoryRoot.Path, "RecsApi", configuration, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__recs"] = new NpgsqlConnectionStringBuilder(recs.ConnectionString) { Host = "127.0.0.1", Port = line.Port, Timeout = 2 }.ConnectionString,
            ["Admin__ApiKey"] = StackFixture.AdminApiKey,
            ["Api__OutageLogInterval"] = "00:00:01",
        }, TimeSpan.FromMinutes(2));
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("runs", Cancel)).StatusCode);

        for (var outage = 1; outage <= 2; outage++)
        {
            var before = api.Log.Count;
            line.Cut();
            var answered = 0;
            // Three summary intervals' worth of 503s, seen by the log as they are answered.
            while (answered < 300 || api.Log.Skip(before).Count(l => l.Contains(Ongoing, StringComparison.Ordinal)) < 2)
            {
                var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => http.GetAsync("runs", Cancel)));
                Assert.All(responses, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));
                answered += responses.Length;
                await Task.Delay(50, Cancel);
            }

            // Entries, not lines: the console writes each as "level: category" and the message below it.
            var during = api.Log.Skip(before).Where(l => l.Length > 5 && l[4] == ':' && !char.IsWhiteSpace(l[0])).ToList();
            var messages = api.Log.Skip(before).ToList();
            Assert.Single(messages, l => l.Contains(Started, StringComparison.Ordinal));
            Assert.DoesNotContain(messages, l => l.Contains(Ended, StringComparison.Ordinal));
            Assert.True(during.Count < answered / 10, $"{during.Count} log entries for {answered} 503s:\n{string.Join('\n', messages)}");

            line.Restore();
            var back = await EventuallyAsync(() => api.Log.Skip(before).FirstOrDefault(l => l.Contains(Ended, StringComparison.Ordinal)));
            Assert.EndsWith($"; {answered} requests were answered 503 during the outage", back);
            await EventuallyAsync(async () => (await http.GetAsync("runs", Cancel)).StatusCode == HttpStatusCode.OK);
        }
    }

    private static async Task<string> EventuallyAsync(Func<string?> find)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        patience.CancelAfter(TimeSpan.FromSeconds(60));
        string? found;
        while ((found = find()) is null)
        {
            await Task.Delay(100, patience.Token);
        }

        return found;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> done)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        patience.CancelAfter(TimeSpan.FromSeconds(60));
        while (!await done())
        {
            await Task.Delay(100, patience.Token);
        }
    }
}
