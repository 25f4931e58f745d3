using System.Net;
using System.Text;
using System.Text.Json;
using Recommender.Contracts;
using Recommender.Tests.Api.Fixtures;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

/// <summary>
/// Every endpoint, fed what an attacker or a broken client would send: never a 500, never a stack
/// trace, and not a single row of the database changes.
/// </summary>
[Collection(SharedRecsDatabase.Name)]
public sealed class HostileInputTests(StackFixture stack) : StandardDataTest(stack)
{
    private static readonly string[] Inputs =
    [
        "' OR '1'='1",
        "'; DROP TABLE top_ctr; --",
        "1; DELETE FROM published_dates",
        "\" OR 1=1 --",
        "%' --",
        "$1",
        "NULL",
        "\\",
        "..",
        ".",
        "../../etc/passwd",
        "..%2F..%2Fstats",
        " ",
        "\t",
        "\0",
        "\u0007\u001b[2J",
        "日本語の広告主",
        "😀🚀",
        "\u202Eevil",
        "é\u0301",
        new string('A', 10 * 1024),
        "a/b",
        "%",
        "?x=1",
        "#frag",
        "<script>alert(1)</script>",
        "${jndi:ldap://127.0.0.1/x}",
        "99999999999999999999",
        "-1",
        "0",
        "1e9",
        "2024-02-30",
        "0000-00-00",
        "2024-01-01T00:00:00",
    ];

    private static readonly string[] Templates =
    [
        "/recommendations/{x}/top_ctr",
        "/recommendations/{alpha}/{x}",
        "/recommendations/{alpha}/top_ctr?date={x}",
        "/recommendations/{x}/{x}?date={x}",
        "/history/{x}",
        "/history/{x}/",
        "/history/{alpha}?days={x}",
        "/stats?date={x}",
        "/stats?page={x}&page_size={x}",
        "/stats/?date={x}",
        "/advertisers?q={x}",
        "/advertisers?page={x}&page_size={x}",
        "/runs?status={x}&page={x}",
        "/runs?trigger={x}&from={x}&to={x}",
        "/runs?from={x}",
        "/runs/grid?days={x}",
        "/advertisers?sort={x}",
        "/advertisers?sort=-{x}&q={x}",
        "/runs/{x}",
    ];

    private static readonly string[] RawPaths =
    [
        "/recommendations/../stats",
        "/recommendations/%2e%2e/%2e%2e/stats",
        "/history/%2E%2E%2F%2E%2E%2Fruns",
        "/recommendations/%00/top_ctr",
        "/recommendations/%20/top_ctr",
        "/recommendations/%09/top_ctr",
        "/history/%C3%28",
        "/stats?date=%FF%FE",
        "/advertisers?q=%",
        "/runs/%2F",
        "/stats//",
        "/history/a%2Fb/",
    ];

    [Fact]
    public async Task Hostile_input_on_every_endpoint_never_fails_the_server_nor_changes_data()
    {
        var data = Data;
        var before = await DatabaseFingerprintAsync();
        var failures = new List<string>();

        foreach (var template in Templates)
        {
            foreach (var input in Inputs)
            {
                var path = template.Replace("{alpha}", data.Alpha, StringComparison.Ordinal)
                    .Replace("{x}", Uri.EscapeDataString(input), StringComparison.Ordinal);
                await CheckAsync(new HttpRequestMessage(HttpMethod.Get, path), failures);
            }
        }

        foreach (var path in RawPaths)
        {
            await CheckAsync(new HttpRequestMessage(HttpMethod.Get, path), failures);
        }

        foreach (var input in Inputs)
        {
            var text = JsonSerializer.Serialize(input);
            await CheckAsync(Post("/runs", $"{{\"date\":{text}}}"), failures);
            await CheckAsync(Post("/runs/backfill", $"{{\"from\":{text},\"to\":{text}}}"), failures);
            await CheckAsync(Post("/runs", input), failures);
        }

        Assert.Empty(failures);
        Assert.Equal(before, await DatabaseFingerprintAsync());
        // The latest data is still served.
        Assert.Equal(data.D0, (await Api.GetRecommendationsAsync(data.Alpha, ModelNames.TopCtr, cancellationToken: Cancel)).Date);
    }

    private static HttpRequestMessage Post(string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(ApiHeaders.ApiKey, StackFixture.AdminApiKey);
        return request;
    }

    private async Task CheckAsync(HttpRequestMessage request, List<string> failures)
    {
        using (request)
        using (var response = await Http.SendAsync(request, Cancel))
        {
            var body = await response.Content.ReadAsStringAsync(Cancel);
            var where = $"{request.Method} {Shorten(request.RequestUri!.OriginalString)}";
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{where}: {(int)response.StatusCode}");
            }
            else if (response.StatusCode == HttpStatusCode.OK && request.Method == HttpMethod.Post)
            {
                failures.Add($"{where}: queued a run");
            }
            else if (body.Length > 0 && (int)response.StatusCode >= 400
                && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{where}: {(int)response.StatusCode} without problem details");
            }
            else if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal))
            {
                failures.Add($"{where}: the body shows an exception");
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";

    /// <summary>Checksums of the published tables and the schema journal, and the size of the run ledger.</summary>
    private async Task<string> DatabaseFingerprintAsync()
    {
        var parts = new List<string>();
        foreach (var table in new[] { "top_ctr", "top_product", "daily_advertisers", "published_dates", "schemaversions" })
        {
            await using var command = Fixture.DataSource.CreateCommand(
                $"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {table} t");
            parts.Add($"{table}={await command.ExecuteScalarAsync(Cancel)}");
        }

        // Pipeline workers may be updating runs meanwhile; what hostile calls must not do is add or remove any.
        await using (var runs = Fixture.DataSource.CreateCommand(
            "SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || (SELECT count(*) FROM pipeline_run_steps) FROM pipeline_runs"))
        {
            parts.Add($"pipeline_runs={await runs.ExecuteScalarAsync(Cancel)}");
        }

        return string.Join("; ", parts);
    }
}
