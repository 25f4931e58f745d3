namespace Recommender.Scheduler.SampleData;

public sealed class LocalFolderTarget(string root) : ISampleDataTarget
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The folder, ending in a separator, so a key prefix can follow it.</summary>
    public string Description => Path.EndsInDirectorySeparator(Root) ? Root : Root + Path.DirectorySeparatorChar;

    public string StagingParent => Directory.CreateDirectory(Root).FullName;

    public Task WriteAsync(string key, string localFile, CancellationToken cancellationToken)
    {
        var destination = Path.GetFullPath(Path.Combine(Root, key));
        if (!destination.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Key '{key}' points outside {Root}.", nameof(key));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Move(localFile, destination, overwrite: true);
        return Task.CompletedTask;
    }
}
