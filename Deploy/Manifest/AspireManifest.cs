using System.Text.Json.Nodes;

namespace Recommender.Deploy.Manifest;

/// <summary>The parts of aspire-manifest.json the stack is built from.</summary>
public sealed record AspireManifest(
    IReadOnlyList<ManifestProject> Projects,
    IReadOnlyDictionary<string, ManifestParameter> Parameters,
    IReadOnlyDictionary<string, string> ConnectionStrings)
{
    public static AspireManifest Load(string path)
    {
        var resources = JsonNode.Parse(File.ReadAllText(path))?["resources"]?.AsObject()
            ?? throw new InvalidOperationException($"{path} has no 'resources'.");

        var projects = new List<ManifestProject>();
        var parameters = new Dictionary<string, ManifestParameter>();
        var connectionStrings = new Dictionary<string, string>();
        foreach (var (name, node) in resources)
        {
            var resource = node!.AsObject();
            if (resource["connectionString"]?.GetValue<string>() is { } connectionString)
            {
                connectionStrings[name] = connectionString;
            }

            switch (resource["type"]?.GetValue<string>())
            {
                case "project.v0":
                    projects.Add(ManifestProject.From(name, resource));
                    break;
                case "parameter.v0":
                    parameters[name] = ManifestParameter.From(name, resource);
                    break;
            }
        }

        return new AspireManifest(projects, parameters, connectionStrings);
    }
}
