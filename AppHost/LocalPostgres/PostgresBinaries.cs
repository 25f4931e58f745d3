namespace Recommender.AppHost.LocalPostgres;

/// <summary>Finds the folder that holds the PostgreSQL server binaries (<c>postgres</c>, <c>initdb</c>).</summary>
internal static class PostgresBinaries
{
    public static string? Find(string? configured)
    {
        if (configured is { Length: > 0 })
        {
            // A wrong setting counts as missing binaries: the start-up check then says what to install.
            return HasServer(configured) ? configured : null;
        }

        // Debian and Ubuntu keep each major version in its own folder; take the newest.
        const string debianRoot = "/usr/lib/postgresql";
        var debian = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(dir => (Dir: Path.Combine(dir, "bin"), Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0))
                .Where(candidate => HasServer(candidate.Dir))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Dir)
                .FirstOrDefault()
            : null;

        return debian
            ?? (Extensions.ExecutableSearch.OnPath("postgres") is { } onPath && HasServer(Path.GetDirectoryName(onPath)!)
                ? Path.GetDirectoryName(onPath)
                : null);
    }

    private static bool HasServer(string dir) =>
        File.Exists(Path.Combine(dir, "postgres")) && File.Exists(Path.Combine(dir, "initdb"));
}
