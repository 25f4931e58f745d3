using Microsoft.Extensions.Configuration;

namespace Recommender.AppHost.Extensions;

/// <summary>How the AppHost runs PostgreSQL and S3 on a developer machine (run mode only).</summary>
/// <param name="DataDirectory">Where local PostgreSQL and S3 data live (git-ignored <c>.data/</c> by default).</param>
/// <param name="UseContainers">True to run PostgreSQL with Aspire's container integration.</param>
/// <param name="PostgresBinDirectory">Folder holding <c>postgres</c> and <c>initdb</c>; null when not found.</param>
/// <param name="NodeFound">Whether <c>node</c> and <c>npm</c> are on the PATH (the S3 emulator needs them).</param>
/// <param name="PostgresBinSetting">The configured <c>LocalStack:PostgresBinDir</c>, if any.</param>
internal sealed record LocalStackSettings(
    string DataDirectory, bool UseContainers, string? PostgresBinDirectory, bool NodeFound, string? PostgresBinSetting = null)
{
    public const string Section = "LocalStack";

    public static LocalStackSettings Read(IConfiguration configuration, string appHostDirectory)
    {
        var section = configuration.GetSection(Section);
        var dataDirectory = Path.GetFullPath(section["DataDir"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(appHostDirectory, "..", ".data"));

        var runtime = section["Runtime"] ?? "auto";
        var useContainers = runtime.ToLowerInvariant() switch
        {
            "containers" => true,
            "processes" => false,
            "auto" => ContainerRuntimeProbe.IsAvailable(),
            _ => throw new InvalidOperationException(
                $"LocalStack:Runtime is '{runtime}'; use 'auto', 'containers' or 'processes'."),
        };

        return new LocalStackSettings(
            dataDirectory,
            useContainers,
            LocalPostgres.PostgresBinaries.Find(section["PostgresBinDir"]),
            ExecutableSearch.OnPath("node") is not null && ExecutableSearch.OnPath("npm") is not null);
    }

    /// <summary>Stops the AppHost with one message naming everything that is missing.</summary>
    public void EnsurePrerequisites()
    {
        var missing = new List<string>();
        if (!UseContainers && PostgresBinDirectory is null)
        {
            missing.Add(PostgresBinSetting is { Length: > 0 }
                ? $"the PostgreSQL server: LocalStack:PostgresBinDir is '{PostgresBinSetting}', which holds no 'postgres' and 'initdb'"
                : "the PostgreSQL server (Debian/Ubuntu: apt-get install postgresql; or set LocalStack:PostgresBinDir), " +
                  "or a container runtime such as Docker");
        }

        if (!NodeFound)
        {
            missing.Add("Node.js 20 or newer with npm (Debian/Ubuntu: apt-get install nodejs npm)");
        }

        if (missing.Count > 0)
        {
            // One clear line instead of an exception's stack trace: this is a set-up problem, not a bug.
            Console.Error.WriteLine("The local stack cannot start. Install " + string.Join("; and ", missing) + ".");
            Environment.Exit(2);
        }
    }
}
