namespace Recommender.Scheduler.Startup;

/// <summary>What must be done before the Scheduler takes work and reports healthy.</summary>
public sealed class StartupState
{
    private readonly TaskCompletionSource _migrated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _seeded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the database schema is current; work that touches the database awaits it.</summary>
    public Task Migrated => _migrated.Task;

    /// <summary>Completes once sample data is in place (at once when seeding is off).</summary>
    public Task Seeded => _seeded.Task;

    public string? Problem { get; private set; }

    /// <summary>True when this start filled an empty bucket with sample data (so its days want processing).</summary>
    public bool SeededSampleData { get; private set; }

    public void MarkMigrated() => _migrated.TrySetResult();

    public void MarkSeeded(bool seededNow = false)
    {
        SeededSampleData = seededNow;
        _seeded.TrySetResult();
    }

    public void ReportProblem(string problem) => Problem = problem;
}
