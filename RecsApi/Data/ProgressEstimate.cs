using Recommender.Contracts;

namespace Recommender.RecsApi.Data;

/// <summary>A step's progress as the worker last recorded it, with the share done and the time left.</summary>
public static class ProgressEstimate
{
    /// <summary>
    /// The progress of a step that started at <paramref name="startedAt"/>; the ETA extrapolates the
    /// rate since then and is given only while the step runs and something is done.
    /// </summary>
    public static StepProgress Of(string unit, long done, long? total, DateTimeOffset updatedAt, DateTimeOffset? startedAt, bool running)
    {
        double? fraction = total is > 0 ? Math.Clamp((double)done / total.Value, 0, 1) : null;
        double? eta = null;
        if (running && total is { } known && startedAt is { } started && done > 0)
        {
            var elapsed = (updatedAt - started).TotalSeconds;
            if (elapsed > 0)
            {
                eta = Math.Round(Math.Max(0, known - done) * elapsed / done, 1);
            }
        }

        return new StepProgress(unit, done, total, updatedAt, fraction is null ? null : Math.Round(fraction.Value, 4), eta);
    }
}
