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
/// Operator actions: queue a pipeline run or a backfill, resume or cancel a run. They need the admin key and are
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
            .AddEndpointFilter(RequireAdminKeyAsync)
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
                "run keeps it (created=false). reprocess: missing (dates never published, with raw data), failed (those and dates " +
                "whose latest run failed), all (every date; the default). dry_run: answers per date what would happen and why, " +
                "queues nothing. 202 when at least one run was queued, 200 otherwise.")
            .Accepts<BackfillRequest>("application/json");

        api.MapPost("/{id:long}/resume", ResumeRunAsync)
            .WithName("ResumeRun")
            .WithSummary("Resume a failed or held run from its first unfinished step (admin)")
            .WithDescription(
                "Needs X-Api-Key. 202: the run is queued again; steps that succeeded are marked reused and not redone. " +
                "404 for an unknown run; 409 when it is neither failed nor held, or another run of its date is queued or running.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{id:long}/cancel", CancelRunAsync)
            .WithName("CancelRun")
            .WithSummary("Cancel a queued or running run (admin)")
            .WithDescription(
                "Needs X-Api-Key. 202: a queued run ends cancelled at once (done=true); a running run's worker stops it within " +
                "seconds and publishes nothing. 200 with done=false: the run is already publishing (inside Publish's transaction) and will " +
                "finish; the ledger records the cancel as too late (cancel_requested and cancel_too_late on the run). " +
                "404 for an unknown run; 409 when it already ended.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    public static async Task<Results<Accepted<QueuedRun>, Ok<QueuedRun>, ProblemHttpResult>> QueueRunAsync(
        HttpRequest request,
        [FromHeader(Name = ApiHeaders.ApiKey)] string? apiKey,
        [FromHeader(Name = ApiHeaders.Actor)] string? actor,
        RunQueue queue,
        PipelineSettingsStore settings,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (read, problem) = await JsonRequest.ReadAsync(request, RecsJsonContext.Default.QueueRunRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var body = read!;

        var (source, badActor) = RunSource.For(apiKey!, actor);
        if (badActor is not null)
        {
            return badActor;
        }

        if (InFuture(body.Date, "date", clock) is { } future)
        {
            return future;
        }

        var maxAttempts = await settings.MaxAttemptsAsync(cancellationToken);
        var run = (await queue.EnqueueAsync([body.Date], RunTriggers.Manual, maxAttempts, source, new RunParameters(body.AcceptVolume), cancellationToken))[0];
        var location = $"/runs/{run.RunId}";
        return run.Created ? TypedResults.Accepted(location, run) : WithLocation(request, location, TypedResults.Ok(run));
    }

    public static async Task<Results<Accepted<BackfillResponse>, Ok<BackfillResponse>, ProblemHttpResult>> BackfillAsync(
        HttpRequest request,
        [FromHeader(Name = ApiHeaders.ApiKey)] string? apiKey,
        [FromHeader(Name = ApiHeaders.Actor)] string? actor,
        RunQueue queue,
        PipelineSettingsStore settings,
        IOptions<AdminOptions> options,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (read, problem) = await JsonRequest.ReadAsync(request, RecsJsonContext.Default.BackfillRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var body = read!;

        var (source, badActor) = RunSource.For(apiKey!, actor);
        if (badActor is not null)
        {
            return badActor;
        }

        var mode = body.Reprocess ?? ReprocessModes.All;
        if (!ReprocessModes.Modes.Contains(mode))
        {
            return Problems.BadParameter("reprocess", $"reprocess must be one of {string.Join(", ", ReprocessModes.Modes)}; got {Problems.Echo(mode)}.");
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

        var maxAttempts = await settings.MaxAttemptsAsync(cancellationToken);
        var dates = await queue.BackfillAsync(body.From, body.To, mode, body.DryRun, maxAttempts, source, cancellationToken);
        var runs = body.DryRun ? [] : dates
            .Where(d => d.Date.RunId is not null && (d.Created || d.Date.Decision == BackfillDecisions.SkipActive))
            .Select(d => new QueuedRun(d.Date.RunId!.Value, d.Date.Date, d.Created))
            .ToList();
        var response = new BackfillResponse(body.From, body.To, runs.Count(r => r.Created), runs, mode, body.DryRun, [.. dates.Select(d => d.Date)]);
        return response.CreatedRuns > 0 ? TypedResults.Accepted("/runs", response) : TypedResults.Ok(response);
    }

    // The X-Api-Key parameters below document the header in the OpenAPI reference; the group's filter checks it.
    public static async Task<Results<Accepted<RunActionResponse>, ProblemHttpResult>> ResumeRunAsync(
        long id,
        [FromHeader(Name = ApiHeaders.ApiKey)] string? apiKey,
        RunQueue queue,
        CancellationToken cancellationToken)
    {
        return await queue.ResumeAsync(id, cancellationToken) switch
        {
            null => UnknownRun(id),
            (true, var status) => TypedResults.Accepted($"/runs/{id}", new RunActionResponse(
                id, RunActions.Resume, true, status, $"Run {id} is queued again; it resumes at its first unfinished step and reuses the steps that succeeded.")),
            (false, var status) => Problems.Status(StatusCodes.Status409Conflict, "Run cannot be resumed",
                status is RunStatuses.Failed or RunStatuses.Held
                    ? $"Run {id} is {status}, but another run of its date is queued or running."
                    : $"Run {id} is {status}; only a failed or held run can be resumed."),
        };
    }

    public static async Task<Results<Accepted<RunActionResponse>, Ok<RunActionResponse>, ProblemHttpResult>> CancelRunAsync(
        HttpContext httpContext,
        long id,
        [FromHeader(Name = ApiHeaders.ApiKey)] string? apiKey,
        RunQueue queue,
        CancellationToken cancellationToken)
    {
        var location = $"/runs/{id}";
        return await queue.CancelAsync(id, cancellationToken) switch
        {
            null => UnknownRun(id),
            (var status, "cancelled") => TypedResults.Accepted(location, new RunActionResponse(
                id, RunActions.Cancel, true, status, $"Run {id} was queued and is now cancelled.")),
            (var status, "requested") => TypedResults.Accepted(location, new RunActionResponse(
                id, RunActions.Cancel, true, status, $"Run {id} is running; its worker stops it within seconds, and nothing of it is published.")),
            (var status, "publishing") => WithLocation(httpContext.Request, location, TypedResults.Ok(new RunActionResponse(
                id, RunActions.Cancel, false, status, $"Run {id} is already publishing; it will finish. The cancel came too late and is recorded on the run."))),
            (var status, _) => Problems.Status(StatusCodes.Status409Conflict, "Run already ended", $"Run {id} already ended {status}; there is nothing to cancel."),
        };
    }

    private static ProblemHttpResult UnknownRun(long id) => Problems.NotFound("Unknown run", $"There is no run {id}.");

    /// <summary>The key first, for every admin endpoint, so a caller without it learns nothing about the body or the run.</summary>
    private static async ValueTask<object?> RequireAdminKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var refused = http.RequestServices.GetRequiredService<AdminKey>().Refuse(http, http.Request.Headers[ApiHeaders.ApiKey]);
        return refused ?? await next(context);
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
