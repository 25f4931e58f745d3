using Npgsql;

namespace Recommender.RecsApi.Snapshot;

/// <summary>
/// The connections the snapshot refresher uses: the same database as requests, but a pool of its
/// own with <c>Snapshot:LoadTimeoutSeconds</c> as command timeout, so a long load neither times out
/// at the requests' timeout nor takes connections requests need.
/// </summary>
public sealed class SnapshotDataSource(NpgsqlDataSource source) : IAsyncDisposable
{
    public NpgsqlDataSource Source { get; } = source;

    public static SnapshotDataSource Create(string connectionString, int loadTimeoutSeconds) =>
        new(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            CommandTimeout = loadTimeoutSeconds,
            // The listener and a load at a time; a KeepAlive keeps an idle listener's connection known to be alive.
            MaxPoolSize = 4,
            KeepAlive = 15,
            ApplicationName = "recsapi-snapshot",
            // The loads are a few plain scans; compiling them costs more than it saves.
            Options = "-c jit=off",
        }.ConnectionString));

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
