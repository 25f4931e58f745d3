using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;
using Recommender.Contracts;
using Recommender.RecsApi.Http;
using Recommender.RecsApi.Options;
using Recommender.RecsApi.Snapshot;
using Recommender.RecsApi.Stats;

namespace Recommender.RecsApi.Apis;

public static class StatsApi
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder app)
    {
        // The original system's path ends in a slash (/stats/); routing matches both spellings.
        app.MapGet("/stats", GetStatsAsync)
            .WithTags("Statistics")
            .WithName("GetStats")
            .WithSummary("Advertiser counts, model overlap and the biggest changes of a published date")
            .WithDescription(
                "The latest published date, or ?date=YYYY-MM-DD. The per-advertiser overlap list is paged " +
                "(?page= from 1, ?page_size=); the biggest changes compare with the previous published date. Also served at /stats/.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        app.MapGet("/stats/trend", GetStatsTrendAsync)
            .WithTags("Statistics")
            .WithName("GetStatsTrend")
            .WithSummary("The headline statistics of every retained published date, oldest first")
            .WithDescription(
                "Per date: advertisers, average model overlap, the average change of each model since the previous " +
                "published date (null on the first), lists shorter than 20 per model, raw rows read and the malformed share.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    public static async Task<Results<JsonBody<StatsResponse>, ProblemHttpResult>> GetStatsAsync(
        [FromQuery] string? date,
        [FromQuery] string? page,
        [FromQuery(Name = "page_size")] string? pageSize,
        SnapshotStore snapshots,
        NpgsqlDataSource dataSource,
        IOptions<ApiOptions> options,
        CacheControl cacheControl,
        CancellationToken cancellationToken)
    {
        if (!RequestValues.TryDate(date, "date", out var requested, out var problem)
            || !Paging.TryParse(page, pageSize, options.Value, out var paging, out problem))
        {
            return problem;
        }

        if (snapshots.Current is not { } snapshot)
        {
            return Unavailable.NotLoaded();
        }

        if ((requested ?? snapshot.LatestDate) is not { } day)
        {
            return Unavailable.NothingPublished();
        }

        if (!snapshot.IsPublished(day))
        {
            return Unavailable.DateNotPublished(day, snapshot);
        }

        var key = $"stats|{day:yyyy-MM-dd}|{paging.Page}|{paging.Size}";
        if (!snapshot.Cache.TryGet(key, out var json))
        {
            var stats = day == snapshot.LatestDate && snapshot.LatestStats is { } latest
                ? latest
                : await ComputeAsync(dataSource, day, cancellationToken);
            json = snapshot.Cache.Add(key, CachedJson.Serialize(
                stats.ToResponse(paging, options.Value.BiggestChanges), RecsJsonContext.Default.StatsResponse));
        }

        return new JsonBody<StatsResponse>(json, cacheControl.Published);
    }

    public static async Task<Results<JsonBody<StatsTrend>, ProblemHttpResult>> GetStatsTrendAsync(
        SnapshotStore snapshots, NpgsqlDataSource dataSource, CacheControl cacheControl, CancellationToken cancellationToken)
    {
        if (snapshots.Current is not { } snapshot)
        {
            return Unavailable.NotLoaded();
        }

        const string key = "stats-trend";
        if (!snapshot.Cache.TryGet(key, out var json))
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var trend = await StatsQueries.TrendAsync(connection, snapshot.LatestStats, cancellationToken);
            json = snapshot.Cache.Add(key, CachedJson.Serialize(trend, RecsJsonContext.Default.StatsTrend));
        }

        return new JsonBody<StatsTrend>(json, cacheControl.Published);
    }

    private static async Task<DayStats> ComputeAsync(NpgsqlDataSource dataSource, DateOnly date, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await StatsQueries.ComputeAsync(connection, date, cancellationToken);
    }
}
