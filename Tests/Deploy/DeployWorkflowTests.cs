using Recommender.Deploy.Manifest;
using Recommender.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Recommender.Tests.Deploy;

/// <summary>What can be checked of the delivery workflow without running it.</summary>
public sealed class DeployWorkflowTests
{
    private static readonly string WorkflowPath = Path.Combine(RepositoryRoot.Path, ".github", "workflows", "deploy.yml");

    [Fact]
    public void The_workflow_publishes_an_image_for_every_manifest_project()
    {
        var manifest = AspireManifest.Load(Path.Combine(RepositoryRoot.Path, "aspire-manifest.json"));
        var images = Job("images");
        var projects = ((YamlSequenceNode)images["strategy"]["matrix"]["project"]).Children.Select(node => node.ToString()).Order();

        Assert.Equal(manifest.Projects.Select(project => project.ProjectPath).Order(), projects);
        Assert.Contains(Runs(images), run => run.Contains("-t:PublishContainer", StringComparison.Ordinal)
            && run.Contains("-p:ContainerRegistry=", StringComparison.Ordinal));
    }

    [Fact]
    public void The_workflow_assumes_a_role_through_OIDC_and_stores_no_AWS_keys()
    {
        var root = Root();
        Assert.Equal("write", root["permissions"]["id-token"].ToString());
        var text = File.ReadAllText(WorkflowPath);
        Assert.DoesNotContain("aws-access-key-id", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("aws-secret-access-key", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AWS_SECRET_ACCESS_KEY", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AWS_ACCESS_KEY_ID", text, StringComparison.OrdinalIgnoreCase);

        var credentialSteps = Jobs(root).SelectMany(Steps)
            .Where(step => step.Children.TryGetValue(new YamlScalarNode("uses"), out var uses) && uses.ToString().StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(credentialSteps);
        Assert.All(credentialSteps, step => Assert.Contains("role-to-assume", ((YamlMappingNode)step["with"]).Children.Keys.Select(key => key.ToString())));
    }

    [Fact]
    public void The_workflow_tests_before_it_pushes_and_deploys_both_stacks()
    {
        Assert.Equal("test", Job("repositories")["needs"].ToString());
        Assert.Equal("repositories", Job("images")["needs"].ToString());
        Assert.Equal("images", Job("deploy")["needs"].ToString());
        Assert.Contains(Runs(Job("repositories")), run => run.Contains("cdk@2 deploy RecommenderRepositories", StringComparison.Ordinal));
        Assert.Contains(Runs(Job("deploy")), run => run.Contains("cdk@2 deploy Recommender ", StringComparison.Ordinal));
    }

    private static YamlMappingNode Root()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(WorkflowPath);
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static IEnumerable<YamlMappingNode> Jobs(YamlMappingNode root) =>
        ((YamlMappingNode)root["jobs"]).Children.Values.Cast<YamlMappingNode>();

    private static YamlMappingNode Job(string name) => (YamlMappingNode)Root()["jobs"][name];

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) =>
        ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>();

    private static IEnumerable<string> Runs(YamlMappingNode job) =>
        Steps(job).Where(step => step.Children.ContainsKey(new YamlScalarNode("run"))).Select(step => step["run"].ToString());
}
