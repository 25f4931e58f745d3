using System.Diagnostics;
using System.Text.Json.Nodes;
using Recommender.Deploy.Manifest;
using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Deploy;

/// <summary>The image settings each service publishes with, read from MSBuild (no engine needed: nothing is built).</summary>
[Collection(DeployCollection.Name)]
public sealed class ContainerImageTests
{
    private const string Registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

    [Fact]
    public async Task Every_service_publishes_to_its_ECR_repository_as_a_non_root_image_with_port_and_health_path()
    {
        var manifest = AspireManifest.Load(Path.Combine(RepositoryRoot.Path, "aspire-manifest.json"));
        foreach (var project in manifest.Projects)
        {
            var properties = await PropertiesAsync(project.ProjectPath, $"-p:ContainerRegistry={Registry}", "-p:Version=2.4.6");
            Assert.Equal(project.Repository, properties["ContainerRepository"]);
            Assert.Equal("recommender/" + project.Name, properties["ContainerRepository"]);
            Assert.Equal("2.4.6", properties["ContainerImageTag"]);
            Assert.Equal("app", properties["ContainerUser"]);
            Assert.Equal("8080", properties["ContainerPort"]);
            Assert.Equal("/health", properties["ContainerHealthPath"]);
            Assert.Equal(Registry, properties["ContainerRegistry"]);
            Assert.Equal("true", properties["EnableSdkContainerSupport"]);
        }
    }

    [Fact]
    public async Task The_registry_can_come_from_the_environment_and_the_tag_defaults_to_the_version()
    {
        var properties = await PropertiesAsync("RecsApi/RecsApi.csproj", environment: ("ContainerRegistry", Registry));
        Assert.Equal(Registry, properties["ContainerRegistry"]);
        Assert.Equal(properties["Version"], properties["ContainerImageTag"]);
    }

    private static async Task<Dictionary<string, string>> PropertiesAsync(
        string projectPath, string? registry = null, string? version = null, (string Name, string Value)? environment = null)
    {
        string[] names = ["ContainerRepository", "ContainerImageTag", "ContainerUser", "ContainerPort", "ContainerHealthPath", "ContainerRegistry", "EnableSdkContainerSupport", "Version"];
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot.Path };
        start.ArgumentList.Add("msbuild");
        start.ArgumentList.Add(projectPath);
        start.ArgumentList.Add("-nologo");
        foreach (var argument in new[] { registry, version }.OfType<string>().Concat(names.Select(name => "-getProperty:" + name)))
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is var (name, value))
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"msbuild failed: {output}{await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)}");
        return JsonNode.Parse(output)!["Properties"]!.AsObject().ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>());
    }
}
