namespace Recommender.Contracts;

/// <summary>
/// The pipeline's effective settings, recorded by the Scheduler (their one owner) when it starts:
/// what RecsApi uses for retention and for runs it queues.
/// </summary>
public sealed record PipelineSettings(
    int RetentionDays,
    int MaxAttempts,
    double MaxBadRowShare,
    double MinRowShare,
    string Schedule,
    string TimeZone,
    string CatchUp,
    DateTimeOffset RecordedAt,
    string RecordedBy);
