using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Recommender.Contracts;
using Recommender.RecsApi.Data;
using Recommender.RecsApi.Http;
using Recommender.RecsApi.Options;

namespace Recommender.RecsApi.Apis;

/// <summary>
/// Operator actions: queue a pipeline run or a backfill. They need the admin key and are
/// rate-limited per client address, failed attempts included, so keys cannot be guessed quickly.
/// </summary>
public static class AdminApi
{
    public const string RateLimitPolicy = "admin";

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/runs")
            .WithTags("Admin")
            .RequireRateLimiting(RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("", QueueRunAsync)
            .WithName("QueueRun")
            .WithSummary("Queue a pipeline run for one date (admin)")
            .WithDescription(
                "Needs X-Api-Key. 202 with the new run; 200 with the run already queued or running for that date " +
                "(nothing new is queued). The date must not be in the future (UTC).")
            .Accepts<QueueRunRequest>("application/json");

        api.MapPost("/backfill", BackfillAsync)
            .WithName("Backfill")
            .WithSummary("Queue one pipeline run per date of a range (admin)")
            .WithDescription(
                "Needs X-Api-Key. Dates from..to inclusive, in order, all or none; a date that already has a queued or running " +
                "run keeps it (created=false). 202 when at least one run was queued, 200 when all were already queued.")
            .Accepts<BackfillRequest>("application/json");

        return app;
    }

    public static async Task<Results<Accepted<QueuedRun>, Ok<QueuedRun>, ProblemHttpResult>> QueueRunAsync(
        HttpRequest request,
        [FromHeader(Name = ApiHeaders.ApiKey)] string? apiKey,
        AdminKey adminKey,
        RunLedger ledger,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadAuthorizedAsync(request, apiKey, adminKey, RecsJsonContext.Default.QueueRunRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (InFuture(body.Date, "date", clock) is { } future)
        {
            return future;
        }

        var run = (await ledger.EnqueueAsync([body.Date], RunLedger.ManualTrigger, cancellationToken))[0];
        if (body.AcceptVolume)
        {
            await ledger.AcceptVolumeAsync(run.RunId, cancellationToken);
        }

        var location = $"/runs/{run.RunId}";
        return run.Created ? TypedResults.Accepted(location, run) : WithLocation(request, location, TypedResults.Ok(run));
    }

    public static async Task<Results<Accepted<BackfillResponse>, Ok<BackfillResponse>, ProblemHttpResult>> BackfillAsync(
        HttpRequest request,
        [FromHeader(Name = ApiHeaders.ApiKey)] string? apiKey,
        AdminKey adminKey,
        RunLedger ledger,
        IOptions<AdminOptions> options,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadAuthorizedAsync(request, apiKey, adminKey, RecsJsonContext.Default.BackfillRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body.From > body.To)
        {
            return Problems.BadParameter("from", $"from ({body.From:yyyy-MM-dd}) must not be after to ({body.To:yyyy-MM-dd}).");
        }

        var days = body.To.DayNumber - body.From.DayNumber + 1;
        if (days > options.Value.MaxBackfillDays)
        {
            return Problems.BadParameter("to", $"A backfill may span at most {options.Value.MaxBackfillDays} days; {body.From:yyyy-MM-dd} to {body.To:yyyy-MM-dd} spans {days}.");
        }

        if (InFuture(body.To, "to", clock) is { } future)
        {
            return future;
        }

        var runs = await ledger.EnqueueAsync(
            Enumerable.Range(0, days).Select(body.From.AddDays), RunLedger.BackfillTrigger, cancellationToken);
        var response = new BackfillResponse(body.From, body.To, runs.Count(r => r.Created), runs);
        return response.CreatedRuns > 0 ? TypedResults.Accepted("/runs", response) : TypedResults.Ok(response);
    }

    /// <summary>The key first, so a caller without it learns nothing about the body; then the body.</summary>
    private static async Task<(T Body, ProblemHttpResult? Problem)> ReadAuthorizedAsync<T>(
        HttpRequest request, string? apiKey, AdminKey adminKey, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) where T : class
    {
        if (adminKey.Refuse(request.HttpContext, apiKey) is { } refused)
        {
            return (null!, refused);
        }

        var (body, problem) = await JsonRequest.ReadAsync(request, typeInfo, cancellationToken);
        return (body!, problem);
    }

    private static ProblemHttpResult? InFuture(DateOnly date, string field, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return date > today
            ? Problems.BadParameter(field, $"{field} {date:yyyy-MM-dd} is in the future; runs can be queued for dates up to today ({today:yyyy-MM-dd}, UTC).")
            : null;
    }

    private static Ok<T> WithLocation<T>(HttpRequest request, string location, Ok<T> result)
    {
        request.HttpContext.Response.Headers.Location = location;
        return result;
    }
}
