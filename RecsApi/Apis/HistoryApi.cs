using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Recommender.Contracts;
using Recommender.RecsApi.Data;
using Recommender.RecsApi.Http;
using Recommender.RecsApi.Options;
using Recommender.RecsApi.Snapshot;

namespace Recommender.RecsApi.Apis;

public static class HistoryApi
{
    /// <summary>Seven days, as the original system answered, unless retention keeps fewer.</summary>
    private const int DefaultDays = 7;

    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/history").WithTags("History");

        // The original system's path ends in a slash; routing matches both spellings.
        api.MapGet("/{advertiser_id}", GetHistoryAsync)
            .WithName("GetHistory")
            .WithSummary("Both models for each of an advertiser's last published dates")
            .WithDescription(
                "The newest ?days= published dates (1 to the retention, default 7), newest first; only the dates " +
                "the advertiser was active on are listed. Also served at /history/{advertiser_id}/.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    public static async Task<Results<JsonBody<HistoryResponse>, ProblemHttpResult>> GetHistoryAsync(
        [FromRoute(Name = "advertiser_id")] string advertiserId,
        [FromQuery] string? days,
        SnapshotStore snapshots,
        PipelineSettingsStore settings,
        CacheControl cacheControl,
        CancellationToken cancellationToken)
    {
        var retention = await settings.RetentionDaysAsync(cancellationToken);
        if (!RequestValues.TryAdvertiserId(advertiserId, out var problem)
            || !RequestValues.TryInt(days, "days", 1, retention, Math.Min(DefaultDays, retention), out var dayCount, out problem))
        {
            return problem;
        }

        if (snapshots.Current is not { } snapshot)
        {
            return Unavailable.NotLoaded();
        }

        if (!snapshot.IsKnown(advertiserId))
        {
            return Unavailable.UnknownAdvertiser(advertiserId);
        }

        // Every retained date is in memory: the newest ones the advertiser has a record on, newest first.
        var history = new List<HistoryDay>(dayCount);
        foreach (var day in snapshot.Days.Take(dayCount))
        {
            if (day.TryRead(advertiserId, out var lists))
            {
                history.Add(new HistoryDay(day.Date, lists.TopCtr, lists.TopProduct));
            }
        }

        return new JsonBody<HistoryResponse>(
            CachedJson.Serialize(new HistoryResponse(advertiserId, dayCount, history), RecsJsonContext.Default.HistoryResponse),
            cacheControl.Published);
    }
}
