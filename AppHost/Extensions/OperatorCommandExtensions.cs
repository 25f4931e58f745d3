using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
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

    /// <summary>
    /// "Run yesterday now" and "Backfill missing days": the retention window the Scheduler recorded
    /// (RecsApi's <c>GET /pipeline</c>) up to yesterday, UTC.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOperatorCommands(
        this IResourceBuilder<ProjectResource> scheduler, IResourceBuilder<ProjectResource> recsApi, IResourceBuilder<ParameterResource> adminApiKey)
    {
        // Through the endpoint-selector overload: the endpoint-name one sends to the scheduler's own endpoint (a 404).
        Func<EndpointReference> recsApiEndpoint = () => recsApi.GetEndpoint("http");
        scheduler.WithHttpCommand("/runs", "Run yesterday now", recsApiEndpoint, "run-yesterday", Admin(adminApiKey,
            "Queues a pipeline run for yesterday (UTC) through RecsApi.", "Play",
            _ => Task.FromResult<object>(new { date = Day(-1) })));
        scheduler.WithHttpCommand("/runs/backfill", "Backfill missing days", recsApiEndpoint, "backfill-missing", Admin(adminApiKey,
            "Queues a run for each day of the retention window (as the Scheduler recorded it) that was never published and has raw data.",
            "CalendarArrowRight",
            async context =>
            {
                var retentionDays = await RetentionDaysAsync(context);
                return new { from = Day(-retentionDays), to = Day(-1), reprocess = "missing" };
            }));
        return scheduler;
    }

    /// <summary>The retention the Scheduler recorded, read from RecsApi's <c>GET /pipeline</c> (503 until it has recorded it).</summary>
    private static async Task<int> RetentionDaysAsync(HttpCommandRequestContext context)
    {
        using var response = await context.HttpClient.GetAsync(new Uri(new Uri(context.Endpoint.Url), "/pipeline"), context.CancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"RecsApi's /pipeline answered {(int)response.StatusCode}: the Scheduler has not recorded its retention yet; try again shortly");
        }

        using var settings = JsonDocument.Parse(await response.Content.ReadAsStringAsync(context.CancellationToken));
        return settings.RootElement.GetProperty("retention_days").GetInt32();
    }

    /// <summary>Links the resource to its browsable API reference.</summary>
    public static IResourceBuilder<ProjectResource> WithApiReferenceUrl(this IResourceBuilder<ProjectResource> recsApi) =>
        recsApi.WithUrl(ReferenceExpression.Create($"{recsApi.GetEndpoint("http")}/scalar"), "API reference (Scalar)");

    private static HttpCommandOptions Admin(
        IResourceBuilder<ParameterResource> adminApiKey, string description, string icon, Func<HttpCommandRequestContext, Task<object>> body)
    {
        return new HttpCommandOptions
        {
            Description = description,
            IconName = icon,
            Method = HttpMethod.Post,
            ResultMode = HttpCommandResultMode.Json, // RecsApi's answer (the run, or each date's decision) shows in the dashboard
            PrepareRequest = async context =>
            {
                context.Request.Headers.Add("X-Api-Key", await adminApiKey.Resource.GetValueAsync(context.CancellationToken));
                context.Request.Headers.Add("X-Actor", Actor);
                context.Request.Content = JsonContent.Create(await body(context));
            },
        };
    }

    private static string Day(int offset) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
