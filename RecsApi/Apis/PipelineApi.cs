using Microsoft.AspNetCore.Http.HttpResults;
using Recommender.Contracts;
using Recommender.RecsApi.Data;
using Recommender.RecsApi.Http;

namespace Recommender.RecsApi.Apis;

/// <summary>The pipeline's effective settings, as the Scheduler (their owner) recorded them.</summary>
public static class PipelineApi
{
    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/pipeline", GetPipelineSettingsAsync)
            .WithName("GetPipelineSettings")
            .WithTags("Runs")
            .WithSummary("The pipeline's effective settings")
            .WithDescription("Retention, max attempts, bad-row and volume limits, schedule and catch-up as the Scheduler recorded them when it last started. 503 until it has.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<Ok<PipelineSettings>, ProblemHttpResult>> GetPipelineSettingsAsync(
        HttpContext httpContext, PipelineSettingsStore settings, CancellationToken cancellationToken)
    {
        if (await settings.GetAsync(cancellationToken) is { } recorded)
        {
            return TypedResults.Ok(recorded);
        }

        httpContext.Response.Headers.RetryAfter = "5";
        return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Pipeline settings not recorded yet",
            "The Scheduler records its settings when it starts; it has not started against this database yet.");
    }
}
