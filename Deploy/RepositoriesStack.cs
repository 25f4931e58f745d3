using Amazon.CDK;
using Amazon.CDK.AWS.ECR;
using Constructs;
using Recommender.Deploy.Manifest;

namespace Recommender.Deploy;

/// <summary>One ECR repository per service. Its own stack: images are pushed before the services that run them exist.</summary>
public sealed class RepositoriesStack : Stack
{
    public IReadOnlyDictionary<string, IRepository> Repositories { get; }

    public RepositoriesStack(Construct scope, string id, AspireManifest manifest, IStackProps props) : base(scope, id, props)
    {
        Repositories = manifest.Projects.ToDictionary(
            project => project.Name,
            project => (IRepository)new Repository(this, $"{project.Name}-repository", new RepositoryProps
            {
                RepositoryName = project.Repository,
                ImageScanOnPush = true,
                ImageTagMutability = TagMutability.IMMUTABLE,
                LifecycleRules = [new LifecycleRule { MaxImageCount = 30, Description = "keep the last 30 images" }],
            }));
    }
}
