using Constructs;

namespace Recommender.Deploy;

/// <summary>The deployment's choices, from CDK context (cdk.json or <c>-c key=value</c>).</summary>
/// <param name="ManifestPath">The aspire-manifest.json the stack is built from.</param>
/// <param name="ImageTag">The image version every service runs (roll back by deploying an earlier one).</param>
/// <param name="MultiAz">Whether the database keeps a standby in a second availability zone.</param>
/// <param name="Schedule">The Scheduler's daily schedule (<c>Schedule__Cron</c>, <c>Schedule__TimeZone</c>), where given.</param>
public sealed record DeploySettings(string ManifestPath, string ImageTag, bool MultiAz, IReadOnlyDictionary<string, string> Schedule)
{
    public const string SchedulerService = "scheduler";

    public static DeploySettings From(Node node, string defaultManifestPath) => new(
        node.TryGetContext("manifest")?.ToString() ?? defaultManifestPath,
        node.TryGetContext("imageTag")?.ToString() ?? "1.0.0",
        bool.TryParse(node.TryGetContext("multiAz")?.ToString(), out var multiAz) && multiAz,
        new[] { ("Schedule__Cron", "scheduleCron"), ("Schedule__TimeZone", "scheduleTimeZone") }
            .Where(setting => node.TryGetContext(setting.Item2) is not null)
            .ToDictionary(setting => setting.Item1, setting => node.TryGetContext(setting.Item2).ToString()!));
}
