using System.Text.Json.Nodes;

namespace Recommender.Deploy.Manifest;

/// <summary>A parameter: a secret becomes a generated Secrets Manager secret, a plain one takes its default or a context value.</summary>
public sealed record ManifestParameter(string Name, bool IsSecret, string? DefaultValue, int GeneratedLength, bool GeneratedWithPunctuation)
{
    public static ManifestParameter From(string name, JsonObject resource)
    {
        var input = resource["inputs"]?["value"];
        var generate = input?["default"]?["generate"];
        return new ManifestParameter(
            name,
            input?["secret"]?.GetValue<bool>() == true,
            input?["default"]?["value"]?.GetValue<string>(),
            generate?["minLength"]?.GetValue<int>() ?? 32,
            generate?["special"]?.GetValue<bool>() ?? false);
    }
}
