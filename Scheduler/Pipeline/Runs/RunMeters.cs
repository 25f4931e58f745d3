using System.Collections.Concurrent;

namespace Recommender.Scheduler.Pipeline.Runs;

/// <summary>The meters of a run's running steps (two model steps run at once).</summary>
public sealed class RunMeters
{
    private readonly ConcurrentDictionary<string, StepMeter> _meters = new(StringComparer.Ordinal);

    public const string Bytes = "bytes";
    public const string Rows = "rows";

    /// <summary>Starts metering <paramref name="step"/> in <paramref name="unit"/> (<see cref="Bytes"/> or <see cref="Rows"/>) of a known total.</summary>
    public StepMeter Start(string step, string unit, long total) => _meters[step] = new StepMeter(step, unit, total);

    public void Stop(string step) => _meters.TryRemove(step, out _);

    public IReadOnlyList<StepMeterReading> Read() => [.. _meters.Values.Select(m => m.Read())];
}
