using System.ComponentModel.DataAnnotations;

namespace Recommender.RecsApi.Options;

/// <summary>How the read endpoints answer. Section <c>Api</c>.</summary>
public sealed record ApiOptions
{
    public const string Section = "Api";

    /// <summary>
    /// Fallback only: retention is the Scheduler's <c>Pipeline:RetentionDays</c> as recorded in the database
    /// (see /pipeline); this is used while the Scheduler has recorded nothing yet.
    /// </summary>
    [Range(1, 366)]
    public int RetentionDays { get; init; } = 7;

    /// <summary>max-age of read responses; clients revalidate with the ETag afterwards.</summary>
    [Range(0, 86_400)]
    public int CacheMaxAgeSeconds { get; init; } = 60;

    [Range(1, 10_000)]
    public int DefaultPageSize { get; init; } = 50;

    [Range(1, 10_000)]
    public int MaxPageSize { get; init; } = 500;

    /// <summary>How many advertisers /stats lists per model as changing most.</summary>
    [Range(1, 1_000)]
    public int BiggestChanges { get; init; } = 10;

    /// <summary>Responses built from PostgreSQL kept in memory until the next publish (0 turns the cache off).</summary>
    [Range(0, 10_000_000)]
    public int ResponseCacheEntries { get; init; } = 50_000;

    [Range(1, 120)]
    public int DatabaseConnectTimeoutSeconds { get; init; } = 5;

    [Range(1, 600)]
    public int DatabaseCommandTimeoutSeconds { get; init; } = 15;

    /// <summary>While PostgreSQL is unavailable, a summary of the 503s is logged at most this often.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Api:OutageLogInterval must be between 00:00:01 and 01:00:00.")]
    public TimeSpan OutageLogInterval { get; init; } = TimeSpan.FromSeconds(10);
}
