namespace Recommender.Scheduler.Pipeline.Runs;

/// <summary>
/// How far a running step is of its known total, counted by the step in memory (never a query per
/// row); the worker's heartbeat writes what it reads from here to the step's row once per beat.
/// A step whose work is one engine statement has the meter follow the engine's own estimate of
/// its share done instead, read only when the heartbeat reads the meter.
/// </summary>
public sealed class StepMeter(string step, string unit, long total)
{
    private long _done;
    private Func<double>? _share;

    public void Add(long amount) => Interlocked.Add(ref _done, amount);

    /// <summary>From now on done is <paramref name="share"/> (0..1) of the total, never falling; null stops following.</summary>
    public void Follow(Func<double>? share) => Volatile.Write(ref _share, share);

    /// <summary>The work is done: done is the total.</summary>
    public void Complete()
    {
        Follow(null);
        Interlocked.Exchange(ref _done, total);
    }

    public StepMeterReading Read()
    {
        if (Volatile.Read(ref _share) is { } share)
        {
            var sampled = (long)(Math.Clamp(share(), 0, 1) * total);
            long done;
            while ((done = Interlocked.Read(ref _done)) < sampled && Interlocked.CompareExchange(ref _done, sampled, done) != done)
            {
                // Another reader raised it meanwhile: look again.
            }
        }

        return new(step, unit, Interlocked.Read(ref _done), total);
    }
}

/// <summary>One step's progress as the heartbeat records it.</summary>
public sealed record StepMeterReading(string Step, string Unit, long Done, long Total);
