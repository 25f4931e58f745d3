namespace Recommender.Scheduler.Pipeline.Runs;

/// <summary>
/// How far a running step is of its known total, counted by the step in memory (never a query per
/// row); the worker's heartbeat writes what it reads from here to the step's row once per beat.
/// </summary>
public sealed class StepMeter(string step, string unit, long total)
{
    private long _done;

    public void Add(long amount) => Interlocked.Add(ref _done, amount);

    public StepMeterReading Read() => new(step, unit, Interlocked.Read(ref _done), total);
}

/// <summary>One step's progress as the heartbeat records it.</summary>
public sealed record StepMeterReading(string Step, string Unit, long Done, long Total);
