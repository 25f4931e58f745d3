using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Recommender.Deploy;
using Recommender.Deploy.Manifest;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Deploy;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DeployCollection : ICollectionFixture<SynthesizedStacks>
{
    // jsii runs the CDK in a Node process: synthesize once and keep it apart from the heavy stack tests.
    public const string Name = "Deploy stacks";
}

/// <summary>
/// The CDK app synthesized offline, once per test run: from the committed manifest, and from the same
/// manifest with one more service (what a service added to the AppHost would bring).
/// </summary>
public sealed class SynthesizedStacks : IDisposable
{
    public const string AddedService = "ranker";
    public const string AddedSecret = "ranker-token";

    private readonly string _workDirectory = Directory.CreateTempSubdirectory("recs-deploy-").FullName;

    public SynthesizedStacks()
    {
        ManifestPath = Path.Combine(RepositoryRoot.Path, "aspire-manifest.json");
        Manifest = AspireManifest.Load(ManifestPath);

        // jsii unpacks its Node modules into TMPDIR: give it a folder this fixture removes.
        var tmp = System.Environment.GetEnvironmentVariable("TMPDIR");
        System.Environment.SetEnvironmentVariable("TMPDIR", _workDirectory);
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        try
        {
            (Repositories, SystemStack, SystemJson) = Synthesize(ManifestPath, "committed");
            var extended = Path.Combine(_workDirectory, "extended-manifest.json");
            File.WriteAllText(extended, WithAddedService(ManifestPath));
            (_, Extended, ExtendedJson) = Synthesize(extended, "extended");
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("TMPDIR", tmp);
        }
    }

    public string ManifestPath { get; }

    public AspireManifest Manifest { get; }

    public Template Repositories { get; }

    public Template SystemStack { get; }

    /// <summary>The system template as JSON, for questions the assertion library does not ask directly.</summary>
    public JsonObject SystemJson { get; }

    public Template Extended { get; }

    public JsonObject ExtendedJson { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The jsii process may still hold a file until the test host exits.
        }
    }

    private (Template Repositories, Template System, JsonObject SystemJson) Synthesize(string manifestPath, string name)
    {
        var cdkJson = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Deploy", "cdk.json")))!;
        var context = cdkJson["context"]!.AsObject()
            .ToDictionary(pair => pair.Key, pair => (object)(pair.Value is JsonArray array
                ? array.Select(item => item!.GetValue<string>()).ToArray()
                : pair.Value!.ToString()));
        context["manifest"] = manifestPath;
        context["scheduleCron"] = "30 3 * * *";
        context["scheduleTimeZone"] = "Europe/Berlin";

        var app = new App(new AppProps { Context = context, Outdir = Path.Combine(_workDirectory, name) });
        var (repositories, system) = RecommenderApp.Build(app);
        var assembly = app.Synth();
        var systemJson = JsonNode.Parse(File.ReadAllText(Path.Combine(assembly.Directory, system.TemplateFile)))!.AsObject();
        return (Template.FromStack(repositories), Template.FromStack(system), systemJson);
    }

    private static string WithAddedService(string manifestPath)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var resources = manifest["resources"]!.AsObject();
        resources[AddedSecret] = JsonNode.Parse("""
            { "type": "parameter.v0", "value": "{ranker-token.inputs.value}",
              "inputs": { "value": { "type": "string", "secret": true } } }
            """);
        resources[AddedService] = JsonNode.Parse("""
            { "type": "project.v0", "path": "Ranker/Ranker.csproj",
              "env": { "HTTP_PORTS": "{ranker.bindings.http.targetPort}", "Ranker__Token": "{ranker-token.value}",
                       "services__recsapi__http__0": "{recsapi.bindings.http.url}" },
              "bindings": { "http": { "scheme": "http", "protocol": "tcp", "transport": "http" } } }
            """);
        return manifest.ToJsonString();
    }
}
