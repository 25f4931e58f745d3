namespace Recommender.Scheduler.Pipeline.Runs;

/// <summary>
/// How far a running step is, counted by the step in memory (never a query per row); the worker's
/// heartbeat writes what it reads from here to the step's row at most once per beat.
/// </summary>
public sealed class StepMeter(string step, string unit)
{
    private long _done;
    private long _total = -1;

    public string Step { get; } = step;

    public string Unit { get; } = unit;

    public void SetTotal(long total) => Interlocked.Exchange(ref _total, total);

    public void Add(long amount) => Interlocked.Add(ref _done, amount);

    public void Set(long done) => Interlocked.Exchange(ref _done, done);

    public StepMeterReading Read()
    {
        var total = Interlocked.Read(ref _total);
        return new StepMeterReading(Step, Unit, Interlocked.Read(ref _done), total < 0 ? null : total);
    }
}

/// <summary>One step's progress as the heartbeat records it.</summary>
public sealed record StepMeterReading(string Step, string Unit, long Done, long? Total);
