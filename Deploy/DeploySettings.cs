using Constructs;

namespace Recommender.Deploy;

/// <summary>The deployment's choices, from CDK context (cdk.json or <c>-c key=value</c>).</summary>
/// <param name="ManifestPath">The aspire-manifest.json the stack is built from.</param>
/// <param name="ImageTag">The image version every service runs (roll back by deploying an earlier one).</param>
/// <param name="MultiAz">Whether the database keeps a standby in a second availability zone.</param>
public sealed record DeploySettings(string ManifestPath, string ImageTag, bool MultiAz)
{
    public static DeploySettings From(Node node, string defaultManifestPath) => new(
        node.TryGetContext("manifest")?.ToString() ?? defaultManifestPath,
        node.TryGetContext("imageTag")?.ToString() ?? "1.0.0",
        bool.TryParse(node.TryGetContext("multiAz")?.ToString(), out var multiAz) && multiAz);
}
