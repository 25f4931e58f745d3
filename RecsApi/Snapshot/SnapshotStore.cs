namespace Recommender.RecsApi.Snapshot;

/// <summary>Holds the current <see cref="PublishedSnapshot"/>; readers take it once per request.</summary>
public sealed class SnapshotStore
{
    private volatile PublishedSnapshot? _current;

    /// <summary>Null until the first load succeeds (PostgreSQL unreachable since start-up).</summary>
    public PublishedSnapshot? Current => _current;

    public void Replace(PublishedSnapshot snapshot) => _current = snapshot;
}
