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

    /// <summary>How long one query of a snapshot load may run; at 100,000 advertisers a load outlasts the API's request timeout.</summary>
    [Range(1, 3_600)]
    public int LoadTimeoutSeconds { get; init; } = 300;

    /// <summary>How many replicas may load a snapshot from PostgreSQL at once (a shared advisory lock with this many slots).</summary>
    [Range(1, 100)]
    public int ConcurrentLoads { get; init; } = 2;

    /// <summary>The longest random wait before a replica reloads after a publish, so replicas do not all ask at the same instant.</summary>
    [Range(0, 60_000)]
    public int LoadJitterMilliseconds { get; init; } = 1_000;
}
