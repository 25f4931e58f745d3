namespace Recommender.AppHost.Extensions;

internal static class ExecutableSearch
{
    /// <summary>The full path of <paramref name="name"/> on the PATH, or null.</summary>
    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
