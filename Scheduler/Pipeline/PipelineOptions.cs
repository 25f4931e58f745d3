using System.ComponentModel.DataAnnotations;

namespace Recommender.Scheduler.Pipeline;

/// <summary>How the pipeline runs (section <c>Pipeline</c>): engine resources, data locations, queue and retry behaviour.</summary>
public sealed record PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Key prefix of the raw logs, ending in '/'.</summary>
    [RegularExpression("^(.*/)?$", ErrorMessage = "Pipeline:RawPrefix must be empty or end with '/'.")]
    public string RawPrefix { get; init; } = "raw/";

    /// <summary>Key prefix of the per-date outputs (<c>&lt;RunsPrefix&gt;&lt;date&gt;/…</c>), ending in '/'.</summary>
    [RegularExpression("^(.*/)?$", ErrorMessage = "Pipeline:RunsPrefix must be empty or end with '/'.")]
    public string RunsPrefix { get; init; } = "runs/";

    /// <summary>DuckDB worker threads; 0 means one per processor.</summary>
    [Range(0, 256)]
    public int Threads { get; init; }

    /// <summary>DuckDB's memory limit, e.g. <c>2GB</c>; set it explicitly because containers misreport memory.</summary>
    public string MemoryLimit { get; init; } = "2GB";

    /// <summary>Where inputs are downloaded and DuckDB spills; empty means the system temp folder.</summary>
    public string TempDirectory { get; init; } = "";

    /// <summary>A run fails when a dataset's share of malformed rows is above this.</summary>
    [Range(0.0, 1.0)]
    public double MaxBadRowShare { get; init; } = 0.01;

    /// <summary>
    /// The volume guard holds a day whose dataset rows are below this share of the recent median, or whose
    /// advertisers with recommendations drop by more than this share.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "Pipeline:MinRowShare must be between 0 and 1.")]
    public double MinRowShare { get; init; } = 0.2;

    /// <summary>A raw object larger than this (bytes) fails the run before it is downloaded.</summary>
    public long MaxObjectSize { get; init; } = 20L << 30;

    /// <summary>Ids longer than this are malformed rows ("overlong_field").</summary>
    [Range(1, 100_000)]
    public int MaxFieldLength { get; init; } = 64;

    /// <summary>Published dates kept, counted back from the newest published date.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; init; } = 7;

    /// <summary>Attempts per run before it is marked failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Concurrent runs per Scheduler process.</summary>
    [Range(0, 16)]
    public int Workers { get; init; } = 1;

    /// <summary>A step that takes longer is cancelled and the run retried.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>A running run whose worker has not renewed its lease for this long is taken back.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a running run's worker renews its lease, records progress and looks for a cancel.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the raw-data inventory (the dates the bucket holds) is refreshed, besides at start and after each run.</summary>
    public TimeSpan InventoryInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often idle workers look for work when no notification arrives (the safety net under LISTEN).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First retry delay after a transient failure; it doubles per attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Transient S3 and PostgreSQL failures are retried, past <see cref="MaxAttempts"/>, until this long
    /// after the run started, so an outage shorter than this does not fail a nightly run.
    /// </summary>
    public TimeSpan TransientRetryWindow { get; init; } = TimeSpan.FromMinutes(30);

    public string ResolveTempDirectory() =>
        Path.GetFullPath(TempDirectory is { Length: > 0 } configured ? configured : Path.Combine(Path.GetTempPath(), "recommender-pipeline"));

    public int ResolveThreads() => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <summary>Problems that attributes cannot express; each names its key.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Engine.EngineSettings.TryBytes(MemoryLimit, out _))
        {
            yield return "Pipeline:MemoryLimit must look like '2GB' or '512MiB'.";
        }

        if (MaxObjectSize <= 0)
        {
            yield return "Pipeline:MaxObjectSize must be a positive number of bytes.";
        }

        if (HeartbeatInterval <= TimeSpan.Zero || HeartbeatInterval >= LeaseDuration)
        {
            yield return "Pipeline:HeartbeatInterval must be positive and shorter than Pipeline:LeaseDuration.";
        }

        if (StepTimeout <= TimeSpan.Zero)
        {
            yield return "Pipeline:StepTimeout must be positive.";
        }

        if (InventoryInterval <= TimeSpan.Zero)
        {
            yield return "Pipeline:InventoryInterval must be positive.";
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            yield return "Pipeline:PollInterval must be positive.";
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            yield return "Pipeline:RetryBaseDelay must not be negative nor above Pipeline:RetryMaxDelay.";
        }

        if (TransientRetryWindow < TimeSpan.Zero)
        {
            yield return "Pipeline:TransientRetryWindow must not be negative.";
        }
    }
}
