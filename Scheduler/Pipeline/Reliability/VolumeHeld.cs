using Recommender.Contracts;

namespace Recommender.Scheduler.Pipeline.Reliability;

/// <summary>The volume guard held the day: the run ends held, not failed, and is not retried.</summary>
public sealed class VolumeHeld(VolumeCheck check) : Exception(check.Message)
{
    public VolumeCheck Check { get; } = check;

    /// <summary>The hold behind a failure, wrapped or not.</summary>
    public static VolumeHeld? Of(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is VolumeHeld held)
            {
                return held;
            }
        }

        return null;
    }
}
