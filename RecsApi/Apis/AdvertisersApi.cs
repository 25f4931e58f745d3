using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Recommender.Contracts;
using Recommender.RecsApi.Http;
using Recommender.RecsApi.Options;
using Recommender.RecsApi.Snapshot;

namespace Recommender.RecsApi.Apis;

public static class AdvertisersApi
{
    public static IEndpointRouteBuilder MapAdvertisersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/advertisers", GetAdvertisers)
            .WithTags("Advertisers")
            .WithName("GetAdvertisers")
            .WithSummary("Advertisers with their latest published date and counts")
            .WithDescription(
                "Every advertiser active on a retained published date, ordered by id or by ?sort= (advertiser_id, latest_date, " +
                "dates_active, top_ctr_products, top_product_products, impressions, clicks, views; a leading - sorts descending, " +
                "ties by id). ?q= keeps ids that start with it (any case); paged with ?page= from 1 and ?page_size=.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    public static Results<JsonBody<Page<AdvertiserSummary>>, ProblemHttpResult> GetAdvertisers(
        [FromQuery] string? q,
        [FromQuery] string? page,
        [FromQuery(Name = "page_size")] string? pageSize,
        [FromQuery] string? sort,
        SnapshotStore snapshots,
        IOptions<ApiOptions> options,
        CacheControl cacheControl)
    {
        if (!AdvertiserOrder.TryParse(sort, out var order, out var sortProblem))
        {
            return sortProblem;
        }

        if (q is { Length: > RequestValues.MaxIdLength })
        {
            return Problems.BadParameter("q", $"q is {q.Length} characters long; at most {RequestValues.MaxIdLength} are allowed.");
        }

        if (q is not null && q.Any(char.IsControl))
        {
            return Problems.BadParameter("q", "q must not contain control characters.");
        }

        if (!Paging.TryParse(page, pageSize, options.Value, out var paging, out var problem))
        {
            return problem;
        }

        if (snapshots.Current is not { } snapshot)
        {
            return Unavailable.NotLoaded();
        }

        var prefix = q?.Trim() ?? "";
        var key = $"advertisers|{paging.Page}|{paging.Size}|{order}|{prefix}";
        if (!snapshot.Cache.TryGet(key, out var json))
        {
            var matching = order.Sort(prefix.Length == 0
                ? snapshot.Advertisers
                : [.. snapshot.Advertisers.Where(a => a.AdvertiserId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))]);
            json = snapshot.Cache.Add(key, CachedJson.Serialize(paging.Of(matching), RecsJsonContext.Default.PageAdvertiserSummary));
        }

        return new JsonBody<Page<AdvertiserSummary>>(json, cacheControl.Published);
    }
}
