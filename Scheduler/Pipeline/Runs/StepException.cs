namespace Recommender.Scheduler.Pipeline.Runs;

/// <summary>A step failed; the message names the step so a run's error reads "filter: …" on one line.</summary>
public sealed class StepException(string step, Exception inner)
    : Exception($"{step}: {OneLine(inner.Message)}", inner)
{
    public string Step { get; } = step;

    public static string OneLine(string message) => string.Join(' ', message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
