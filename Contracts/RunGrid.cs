namespace Recommender.Contracts;

/// <summary>
/// The data of an Airflow-style grid: for each of the last <see cref="Days"/> logical dates (newest
/// first) whether it is published and its latest run with each step's status and duration.
/// </summary>
public sealed record RunGrid(int Days, IReadOnlyList<string> Steps, IReadOnlyList<RunGridDate> Dates);

/// <summary>One logical date of the grid; <see cref="LatestRun"/> is null when it never had a run.</summary>
public sealed record RunGridDate(DateOnly Date, bool Published, int Runs, RunGridRun? LatestRun);

/// <summary>The latest run of a date, its steps in pipeline order.</summary>
public sealed record RunGridRun(
    long RunId, string Status, string Trigger, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    double? DurationSeconds, IReadOnlyList<RunGridStep> Steps);

/// <summary>One cell of the grid.</summary>
public sealed record RunGridStep(string Step, string Status, double? DurationSeconds);
