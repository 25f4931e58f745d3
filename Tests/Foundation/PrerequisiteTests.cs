using Recommender.Tests.Infrastructure;

namespace Recommender.Tests.Foundation;

/// <summary>The AppHost on a machine that lacks what the local stack needs: one message, no stack trace.</summary>
public sealed class PrerequisiteTests
{
    [Fact]
    public async Task Missing_postgres_binaries_and_node_stop_the_AppHost_with_one_message_naming_both()
    {
        var empty = Directory.CreateTempSubdirectory("recs-empty-").FullName;
        try
        {
            var (exitCode, output) = await AppHostProcess.RunAsync(
                ["--LocalStack:Runtime=processes", $"--LocalStack:PostgresBinDir={empty}", $"--LocalStack:DataDir={empty}"],
                path: empty);

            Assert.Equal(2, exitCode);
            var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                l => l.StartsWith("The local stack cannot start", StringComparison.Ordinal));
            Assert.Contains("PostgreSQL server", line, StringComparison.Ordinal);
            Assert.Contains("Node.js", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task Publishing_the_manifest_needs_no_local_prerequisites()
    {
        var empty = Directory.CreateTempSubdirectory("recs-empty-").FullName;
        try
        {
            var (exitCode, output) = await AppHostProcess.RunAsync(
                ["--publisher", "manifest", "--output-path", Path.Combine(empty, "manifest.json"), $"--LocalStack:PostgresBinDir={empty}"],
                path: empty);

            Assert.True(exitCode == 0, output);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
