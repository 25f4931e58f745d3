using System.Text.Json.Nodes;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Foundation;

public sealed class ManifestTests
{
    [Fact]
    public async Task Committed_manifest_matches_what_the_AppHost_generates()
    {
        var output = Directory.CreateTempSubdirectory("recs-manifest-").FullName;
        try
        {
            var generated = Path.Combine(output, "aspire-manifest.json");
            var (exitCode, log) = await AppHostProcess.RunAsync(["--publisher", "manifest", "--output-path", generated]);
            Assert.True(exitCode == 0, $"manifest publishing failed: {log}");

            var committed = Path.Combine(RepositoryRoot.Path, "aspire-manifest.json");
            Assert.True(
                JsonNode.DeepEquals(Normalise(committed), Normalise(generated)),
                "aspire-manifest.json is out of date: regenerate it with " +
                "'dotnet run --project AppHost -- --publisher manifest --output-path ../aspire-manifest.json' and commit it.");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>The manifest with project paths made absolute: they are relative to the file's own folder.</summary>
    private static JsonNode Normalise(string manifestPath)
    {
        var root = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        foreach (var resource in root["resources"]!.AsObject())
        {
            if (resource.Value?["path"] is JsonValue path)
            {
                resource.Value["path"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(manifestPath)!, path.GetValue<string>()));
            }
        }

        return root;
    }
}
