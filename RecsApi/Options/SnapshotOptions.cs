using System.ComponentModel.DataAnnotations;

namespace Recommender.RecsApi.Options;

/// <summary>How the in-memory snapshot of the latest published date stays current. Section <c>Snapshot</c>.</summary>
public sealed record SnapshotOptions
{
    public const string Section = "Snapshot";

    /// <summary>How often the snapshot is compared with PostgreSQL in case a notification was missed.</summary>
    [Range(1, 3_600)]
    public int CheckIntervalSeconds { get; init; } = 30;

    /// <summary>The longest wait between attempts to reconnect the listening connection.</summary>
    [Range(1, 300)]
    public int MaxReconnectDelaySeconds { get; init; } = 10;
}
