using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Recommender.Contracts;
using Recommender.RecsApi.Data;
using Recommender.RecsApi.Http;
using Recommender.RecsApi.Snapshot;

namespace Recommender.RecsApi.Apis;

public static class RecommendationsApi
{
    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/recommendations").WithTags("Recommendations");

        api.MapGet("/{advertiser_id}/{model}", GetRecommendationsAsync)
            .WithName("GetRecommendations")
            .WithSummary("An advertiser's ranked recommendations of one model")
            .WithDescription(
                "The latest published date, or ?date=YYYY-MM-DD. Models: top_ctr (score = CTR) and top_product " +
                "(score = views), any case. An advertiser active on the date but without recommendations gets an empty list.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    public static async ValueTask<Results<JsonBody<RecommendationsResponse>, ProblemHttpResult>> GetRecommendationsAsync(
        [FromRoute(Name = "advertiser_id")] string advertiserId,
        string model,
        [FromQuery] string? date,
        SnapshotStore snapshots,
        RecommendationQueries queries,
        CacheControl cacheControl,
        CancellationToken cancellationToken)
    {
        if (!RequestValues.TryAdvertiserId(advertiserId, out var problem)
            || !RequestValues.TryDate(date, "date", out var requested, out problem))
        {
            return problem;
        }

        if (ModelNames.Normalize(model) is not { } modelName)
        {
            return Problems.NotFound(
                "Unknown model", $"Model {Problems.Echo(model)} does not exist. Valid models: {string.Join(", ", ModelNames.All)}.");
        }

        if (snapshots.Current is not { } snapshot)
        {
            return Unavailable.NotLoaded();
        }

        if ((requested ?? snapshot.LatestDate) is not { } day)
        {
            return Unavailable.NothingPublished();
        }

        if (day == snapshot.LatestDate)
        {
            // The hot path: a dictionary look-up and bytes serialized at the first request since the publish.
            return snapshot.TryGetLatest(advertiserId, modelName, out var latest)
                ? new JsonBody<RecommendationsResponse>(latest, cacheControl.Published)
                : snapshot.IsKnown(advertiserId)
                    ? Unavailable.AdvertiserNotOnDate(advertiserId, day)
                    : Unavailable.UnknownAdvertiser(advertiserId);
        }

        if (!snapshot.IsPublished(day))
        {
            return Unavailable.DateNotPublished(day, snapshot);
        }

        var key = $"recommendations|{day:yyyy-MM-dd}|{modelName}|{advertiserId}";
        if (!snapshot.Cache.TryGet(key, out var json))
        {
            var found = await queries.GetAdvertiserDayAsync(day, advertiserId, cancellationToken);
            if (!found.HasData)
            {
                return found.KnownOnAnyDate
                    ? Unavailable.AdvertiserNotOnDate(advertiserId, day)
                    : Unavailable.UnknownAdvertiser(advertiserId);
            }

            json = snapshot.Cache.Add(key, CachedJson.Serialize(
                new RecommendationsResponse(advertiserId, modelName, day, found.Of(modelName)),
                RecsJsonContext.Default.RecommendationsResponse));
        }

        return new JsonBody<RecommendationsResponse>(json, cacheControl.Published);
    }
}
