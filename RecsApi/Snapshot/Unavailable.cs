using Microsoft.AspNetCore.Http.HttpResults;
using Recommender.RecsApi.Http;

namespace Recommender.RecsApi.Snapshot;

internal static class Unavailable
{
    /// <summary>The 503 of a request that needs the snapshot before it could ever be loaded.</summary>
    public static ProblemHttpResult NotLoaded() => Problems.Status(
        StatusCodes.Status503ServiceUnavailable,
        "Published data not loaded",
        "The published data could not be loaded from PostgreSQL yet; try again in a few seconds.");

    public static ProblemHttpResult NothingPublished() =>
        Problems.NotFound("Nothing published", "The pipeline has not published any date yet.");

    public static ProblemHttpResult DateNotPublished(DateOnly date, PublishedSnapshot snapshot) =>
        Problems.NotFound(
            "Date not published",
            snapshot.PublishedDates.Count == 0
                ? $"No data is published for {date:yyyy-MM-dd}; nothing is published yet."
                : $"No data is published for {date:yyyy-MM-dd}. Published dates: {snapshot.PublishedDates[^1]:yyyy-MM-dd} to {snapshot.PublishedDates[0]:yyyy-MM-dd}.");

    public static ProblemHttpResult UnknownAdvertiser(string advertiserId) =>
        Problems.NotFound("Unknown advertiser", $"Advertiser {Problems.Echo(advertiserId)} was active on none of the published dates.");

    public static ProblemHttpResult AdvertiserNotOnDate(string advertiserId, DateOnly date) =>
        Problems.NotFound("No data for advertiser on date", $"Advertiser {Problems.Echo(advertiserId)} has no data for {date:yyyy-MM-dd}.");
}
