using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Recommender.Contracts;
using Recommender.RecsApi.Http;
using Recommender.RecsApi.Snapshot;
using Recommender.RecsApi.Stats;

namespace Recommender.RecsApi.Apis;

public static class DatesApi
{
    public static IEndpointRouteBuilder MapDatesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dates", GetPublishedDatesAsync)
            .WithTags("Published dates")
            .WithName("GetPublishedDates")
            .WithSummary("Every retained published date, newest first")
            .WithDescription(
                "When and by which run each date was published, its active advertisers and how many have each model, " +
                "and the raw rows its run read with the malformed share (null when the run did not record them).")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    public static async Task<Results<JsonBody<IReadOnlyList<PublishedDate>>, ProblemHttpResult>> GetPublishedDatesAsync(
        SnapshotStore snapshots, NpgsqlDataSource dataSource, CacheControl cacheControl, CancellationToken cancellationToken)
    {
        if (snapshots.Current is not { } snapshot)
        {
            return Unavailable.NotLoaded();
        }

        const string key = "dates";
        if (!snapshot.Cache.TryGet(key, out var json))
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var dates = await StatsQueries.ReadPublishedDatesAsync(connection, cancellationToken);
            json = snapshot.Cache.Add(key, CachedJson.Serialize(dates, RecsJsonContext.Default.IReadOnlyListPublishedDate));
        }

        return new JsonBody<IReadOnlyList<PublishedDate>>(json, cacheControl.Published);
    }
}
