using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Recommender.Contracts;
using Recommender.RecsApi.Data;
using Recommender.RecsApi.Http;
using Recommender.RecsApi.Options;

namespace Recommender.RecsApi.Apis;

public static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/runs").WithTags("Pipeline runs");

        api.MapGet("", GetRunsAsync)
            .WithName("GetRuns")
            .WithSummary("The pipeline's run ledger, newest first")
            .WithDescription("?status= keeps one status (queued, running, succeeded, failed); paged with ?page= from 1 and ?page_size=.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/{id}", GetRunAsync)
            .WithName("GetRun")
            .WithSummary("One pipeline run with its steps' progress and data-quality findings")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    public static async Task<Results<JsonBody<Page<RunSummary>>, ProblemHttpResult>> GetRunsAsync(
        [FromQuery] string? status,
        [FromQuery] string? page,
        [FromQuery(Name = "page_size")] string? pageSize,
        RunLedger ledger,
        IOptions<ApiOptions> options,
        CacheControl cacheControl,
        CancellationToken cancellationToken)
    {
        if (status is not null && !RunLedger.Statuses.Contains(status))
        {
            return Problems.BadParameter("status", $"status must be one of {string.Join(", ", RunLedger.Statuses)}; {Problems.Echo(status)} is not.");
        }

        if (!Paging.TryParse(page, pageSize, options.Value, out var paging, out var problem))
        {
            return problem;
        }

        var (runs, total) = await ledger.GetRunsAsync(status, paging.Size, paging.Offset, cancellationToken);
        // The ledger changes as runs progress: nothing is cached, but the ETag still spares unchanged bodies.
        var json = CachedJson.Serialize(paging.Of(runs, total), RecsJsonContext.Default.PageRunSummary);
        return new JsonBody<Page<RunSummary>>(json, cacheControl.Live);
    }

    public static async Task<Results<JsonBody<RunDetails>, ProblemHttpResult>> GetRunAsync(
        string id, RunLedger ledger, CacheControl cacheControl, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var runId) || runId < 1)
        {
            return Problems.BadParameter("id", $"id must be a positive whole number; {Problems.Echo(id)} is not.");
        }

        if (await ledger.GetRunAsync(runId, cancellationToken) is not { } run)
        {
            return Problems.NotFound("Unknown run", $"There is no run {runId}.");
        }

        return new JsonBody<RunDetails>(CachedJson.Serialize(run, RecsJsonContext.Default.RunDetails), cacheControl.Live);
    }
}
