using System.Text.Json.Nodes;

namespace Recommender.Deploy.Manifest;

/// <summary>A service: its project file, its environment (with manifest expressions) and its endpoints.</summary>
public sealed record ManifestProject(string Name, string ProjectPath, IReadOnlyDictionary<string, string> Environment, bool IsExternal)
{
    /// <summary>The image repository, named after the project as the container build names it.</summary>
    public string Repository => "recommender/" + Path.GetFileNameWithoutExtension(ProjectPath).ToLowerInvariant();

    public static ManifestProject From(string name, JsonObject resource)
    {
        var environment = (resource["env"]?.AsObject() ?? [])
            .ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>());
        var isExternal = (resource["bindings"]?.AsObject() ?? [])
            .Any(binding => binding.Value?["scheme"]?.GetValue<string>() == "http" && binding.Value?["external"]?.GetValue<bool>() == true);
        return new ManifestProject(name, resource["path"]!.GetValue<string>(), environment, isExternal);
    }
}
