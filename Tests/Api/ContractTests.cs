using System.Net;
using System.Text.Json;
using Recommender.Tests.Api.Fixtures;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Api;

/// <summary>The wire format: snake_case JSON as the contract says, and the documentation endpoints.</summary>
[Collection(SharedRecsDatabase.Name)]
public sealed class ContractTests(StackFixture stack) : StandardDataTest(stack)
{
    [Fact]
    public async Task Recommendations_json_uses_the_original_snake_case_names()
    {
        var json = await GetJsonAsync($"/recommendations/{Data.Alpha}/top_ctr");

        Assert.Equal(["advertiser_id", "model", "date", "products"], Names(json));
        Assert.Equal(["product_id", "rank", "score", "clicks", "impressions"], Names(json.GetProperty("products")[0]));
        Assert.Equal(Data.D0.ToString("yyyy-MM-dd"), json.GetProperty("date").GetString());
    }

    [Fact]
    public async Task Top_product_evidence_is_views_alone()
    {
        var json = await GetJsonAsync($"/recommendations/{Data.Alpha}/top_product?date={Data.D2:yyyy-MM-dd}");

        Assert.Equal(["product_id", "rank", "score", "views"], Names(json.GetProperty("products")[0]));
    }

    [Fact]
    public async Task History_json_is_snake_case()
    {
        var json = await GetJsonAsync($"/history/{Data.Alpha}");

        Assert.Equal(["advertiser_id", "days_requested", "days"], Names(json));
        Assert.Equal(["date", "top_ctr", "top_product"], Names(json.GetProperty("days")[0]));
    }

    [Fact]
    public async Task Stats_json_is_snake_case()
    {
        var json = await GetJsonAsync("/stats");

        Assert.Equal(
            ["date", "previous_date", "active_advertisers", "advertisers_with_recommendations", "average_overlap_percent", "overlap", "biggest_changes",
             "overlap_histogram", "coverage"],
            Names(json));
        Assert.Equal(["from_percent", "to_percent", "advertisers"], Names(json.GetProperty("overlap_histogram")[0]));
        Assert.Equal(["top_ctr", "top_product"], Names(json.GetProperty("coverage")));
        Assert.Equal(["full", "short", "empty"], Names(json.GetProperty("coverage").GetProperty("top_ctr")));
        Assert.Equal(["page", "page_size", "total_items", "total_pages", "items"], Names(json.GetProperty("overlap")));
        Assert.Equal(
            ["advertiser_id", "date", "top_ctr_products", "top_product_products", "shared_products", "shared_percent"],
            Names(json.GetProperty("overlap").GetProperty("items")[0]));
        Assert.Equal(["top_ctr", "top_product"], Names(json.GetProperty("biggest_changes")));
    }

    [Fact]
    public async Task Advertisers_json_is_snake_case()
    {
        var json = await GetJsonAsync($"/advertisers?q={Fixture.Prefix}");

        Assert.Equal(
            ["advertiser_id", "latest_date", "dates_active", "top_ctr_products", "top_product_products", "impressions", "clicks", "views"],
            Names(json.GetProperty("items")[0]));
    }

    [Fact]
    public async Task Runs_json_is_snake_case()
    {
        var json = await GetJsonAsync("/runs");

        Assert.Equal(["page", "page_size", "total_items", "total_pages", "items"], Names(json));
        Assert.Equal(
            ["id", "logical_date", "trigger", "status", "attempt", "max_attempts", "queued_at", "started_at", "finished_at", "worker", "error",
             "steps_total", "steps_succeeded", "step_counts", "source", "parameters", "duration_seconds", "cancel_requested", "cancel_too_late"],
            Names(json.GetProperty("items")[0]));
        Assert.Equal(
            ["pending", "running", "succeeded", "reused", "failed", "skipped", "cancelled"],
            Names(json.GetProperty("items")[0].GetProperty("step_counts")));
    }

    [Fact]
    public async Task Run_grid_json_is_snake_case()
    {
        var json = await GetJsonAsync("/runs/grid?days=3");

        Assert.Equal(["days", "steps", "dates"], Names(json));
        Assert.Equal(["date", "published", "runs", "latest_run"], Names(json.GetProperty("dates")[0]));
    }

    [Fact]
    public async Task Dates_and_trend_json_are_snake_case()
    {
        var dates = await GetJsonAsync("/dates");
        var trend = await GetJsonAsync("/stats/trend");

        Assert.Equal(
            ["date", "published_at", "run_id", "active_advertisers", "top_ctr_advertisers", "top_product_advertisers", "rows_read", "bad_row_share"],
            Names(dates[0]));
        Assert.Equal(
            ["date", "active_advertisers", "advertisers_with_recommendations", "average_overlap_percent", "average_top_ctr_change_percent",
             "average_top_product_change_percent", "top_ctr_short_lists", "top_product_short_lists", "rows_read", "bad_row_share"],
            Names(trend.GetProperty("days")[0]));
    }

    [Fact]
    public async Task Errors_are_problem_details_without_stack_traces()
    {
        using var response = await Http.GetAsync($"/recommendations/{Data.Alpha}/nope", Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(404, json.RootElement.GetProperty("status").GetInt32());
        Assert.True(json.RootElement.TryGetProperty("title", out _));
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/no/such/route")]
    [InlineData("/recommendations")]
    [InlineData("/recommendations/only-one-segment")]
    public async Task Unknown_route_is_404_problem_details(string path)
    {
        using var response = await Http.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Wrong_method_is_405_problem_details()
    {
        using var response = await Http.DeleteAsync("/stats", Cancel);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_document_describes_every_endpoint()
    {
        var json = await GetJsonAsync("/openapi/v1.json");
        var paths = json.GetProperty("paths");

        foreach (var path in new[] { "/recommendations/{advertiser_id}/{model}", "/history/{advertiser_id}", "/stats", "/advertisers", "/runs", "/runs/{id}", "/runs/backfill", "/runs/grid", "/dates", "/stats/trend" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }

        Assert.True(paths.GetProperty("/runs").TryGetProperty("post", out _));
        Assert.False(paths.TryGetProperty("/benchmark/ceiling/{bytes}", out _));
        var schemas = json.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("RecommendationsResponse").GetProperty("properties").TryGetProperty("advertiser_id", out _));
    }

    [Fact]
    public async Task Scalar_reference_is_served()
    {
        using var response = await Http.GetAsync("/scalar", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Benchmark_ceiling_is_off_by_default()
    {
        using var response = await Http.GetAsync("/benchmark/ceiling/100", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return document.RootElement.Clone();
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
