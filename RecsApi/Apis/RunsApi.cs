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
    private const int DefaultGridDays = 14;
    private const int MaxGridDays = 90;

    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/runs").WithTags("Pipeline runs");

        api.MapGet("", GetRunsAsync)
            .WithName("GetRuns")
            .WithSummary("The pipeline's run ledger, newest first")
            .WithDescription(
                "?status= keeps one status (queued, running, succeeded, failed, cancelled, held), ?trigger= one trigger " +
                "(schedule, manual, backfill, catch-up), ?from= and ?to= (YYYY-MM-DD, both included) a range of logical dates; " +
                "paged with ?page= from 1 and ?page_size=.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/grid", GetRunGridAsync)
            .WithName("GetRunGrid")
            .WithSummary("The latest run of each of the last N logical dates, step by step")
            .WithDescription(
                "?days= (1 to 90, default 14) logical dates ending today (UTC), newest first: whether each is published, " +
                "how many runs it had, and its latest run with each step's status and duration in pipeline order.")
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
        [FromQuery] string? trigger,
        [FromQuery] string? from,
        [FromQuery] string? to,
        RunLedger ledger,
        IOptions<ApiOptions> options,
        CacheControl cacheControl,
        CancellationToken cancellationToken)
    {
        if (!RequestValues.TryOneOf(status, "status", RunStatuses.All, out var problem)
            || !RequestValues.TryOneOf(trigger, "trigger", RunTriggers.All, out problem)
            || !RequestValues.TryDate(from, "from", out var first, out problem)
            || !RequestValues.TryDate(to, "to", out var last, out problem)
            || !Paging.TryParse(page, pageSize, options.Value, out var paging, out problem))
        {
            return problem;
        }

        if (first > last)
        {
            return Problems.BadParameter("from", $"from ({first:yyyy-MM-dd}) must not be after to ({last:yyyy-MM-dd}).");
        }

        var filter = new RunFilter(status, trigger, first, last);
        var (runs, total) = await ledger.GetRunsAsync(filter, paging.Size, paging.Offset, cancellationToken);
        // The ledger changes as runs progress: nothing is cached, but the ETag still spares unchanged bodies.
        var json = CachedJson.Serialize(paging.Of(runs, total), RecsJsonContext.Default.PageRunSummary);
        return new JsonBody<Page<RunSummary>>(json, cacheControl.Live);
    }

    public static async Task<Results<JsonBody<RunGrid>, ProblemHttpResult>> GetRunGridAsync(
        [FromQuery] string? days, RunLedger ledger, CacheControl cacheControl, CancellationToken cancellationToken)
    {
        if (!RequestValues.TryInt(days, "days", 1, MaxGridDays, DefaultGridDays, out var count, out var problem))
        {
            return problem;
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var grid = await ledger.GetGridAsync(today, count, cancellationToken);
        return new JsonBody<RunGrid>(CachedJson.Serialize(grid, RecsJsonContext.Default.RunGrid), cacheControl.Live);
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
