using System.Globalization;
using System.Net.Http.Json;
using Aspire.Hosting.ApplicationModel;

namespace Recommender.AppHost.Extensions;

/// <summary>
/// Operator actions in the Aspire dashboard: commands on the Scheduler that call RecsApi's admin
/// endpoints with the admin key, and a link from RecsApi to its API reference.
/// </summary>
internal static class OperatorCommandExtensions
{
    /// <summary>Who the runs these commands queue were asked by (after the key's id in their source).</summary>
    public const string Actor = "aspire-dashboard";

    /// <summary>"Run yesterday now" and "Backfill missing days" (the retention window up to yesterday, UTC).</summary>
    public static IResourceBuilder<ProjectResource> WithOperatorCommands(
        this IResourceBuilder<ProjectResource> scheduler, IResourceBuilder<ProjectResource> recsApi, IResourceBuilder<ParameterResource> adminApiKey,
        int retentionDays = 7)
    {
        scheduler.WithHttpCommand("/runs", "Run yesterday now", commandName: "run-yesterday", commandOptions: Admin(recsApi, adminApiKey,
            "Queues a pipeline run for yesterday (UTC) through RecsApi.", "Play",
            () => new { date = Day(-1) }));
        scheduler.WithHttpCommand("/runs/backfill", "Backfill missing days", commandName: "backfill-missing", commandOptions: Admin(recsApi, adminApiKey,
            $"Queues a run for each of the last {retentionDays} days that was never published and has raw data.", "CalendarArrowRight",
            () => new { from = Day(-retentionDays), to = Day(-1), reprocess = "missing" }));
        return scheduler;
    }

    /// <summary>Links the resource to its browsable API reference.</summary>
    public static IResourceBuilder<ProjectResource> WithApiReferenceUrl(this IResourceBuilder<ProjectResource> recsApi) =>
        recsApi.WithUrl(ReferenceExpression.Create($"{recsApi.GetEndpoint("http")}/scalar"), "API reference (Scalar)");

    private static HttpCommandOptions Admin(
        IResourceBuilder<ProjectResource> recsApi, IResourceBuilder<ParameterResource> adminApiKey, string description, string icon, Func<object> body)
    {
        return new HttpCommandOptions
        {
            Description = description,
            IconName = icon,
            Method = HttpMethod.Post,
            EndpointSelector = () => recsApi.GetEndpoint("http"),
            PrepareRequest = async context =>
            {
                context.Request.Headers.Add("X-Api-Key", await adminApiKey.Resource.GetValueAsync(context.CancellationToken));
                context.Request.Headers.Add("X-Actor", Actor);
                context.Request.Content = JsonContent.Create(body());
            },
        };
    }

    private static string Day(int offset) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
