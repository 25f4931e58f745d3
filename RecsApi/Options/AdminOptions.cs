using System.ComponentModel.DataAnnotations;

namespace Recommender.RecsApi.Options;

/// <summary>The admin endpoints' key and limits. Section <c>Admin</c>.</summary>
public sealed record AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The key admin calls must present in <c>X-Api-Key</c> (an AppHost secret parameter).</summary>
    [Required]
    [MinLength(16)]
    public string ApiKey { get; init; } = "";

    /// <summary>The longest range one backfill may queue, in days.</summary>
    [Range(1, 3_660)]
    public int MaxBackfillDays { get; init; } = 31;

    /// <summary>Admin calls a client may make at once before it is slowed down.</summary>
    [Range(1, 10_000)]
    public int RateLimitBurst { get; init; } = 10;

    /// <summary>Admin calls a client may make per minute once its burst is spent.</summary>
    [Range(1, 60_000)]
    public int RateLimitPerMinute { get; init; } = 60;
}
