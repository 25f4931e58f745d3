using Amazon.CDK;
using Recommender.Deploy.Manifest;

namespace Recommender.Deploy;

/// <summary>The two stacks: the image repositories first (images are pushed there), then the system.</summary>
public static class RecommenderApp
{
    public const string RepositoriesStackName = "RecommenderRepositories";
    public const string SystemStackName = "Recommender";

    public static (RepositoriesStack Repositories, RecommenderStack System) Build(App app)
    {
        var settings = DeploySettings.From(app.Node, Path.Combine("..", "aspire-manifest.json"));
        var manifest = AspireManifest.Load(settings.ManifestPath);

        // A fixed account and region: synthesis never asks AWS (cdk.json also carries the zones for them).
        var environment = new Amazon.CDK.Environment
        {
            Account = app.Node.TryGetContext("account")?.ToString() ?? System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT"),
            Region = app.Node.TryGetContext("region")?.ToString() ?? System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION"),
        };

        var repositories = new RepositoriesStack(app, RepositoriesStackName, manifest, new StackProps { Env = environment });
        var system = new RecommenderStack(app, SystemStackName, manifest, repositories.Repositories, settings, new StackProps { Env = environment });
        return (repositories, system);
    }
}
