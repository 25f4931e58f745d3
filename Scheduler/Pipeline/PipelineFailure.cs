namespace Recommender.Scheduler.Pipeline;

/// <summary>A failure that retrying cannot fix (bad or missing input): the run fails at once with this message.</summary>
public sealed class PipelineFailure(string message, Exception? inner = null) : Exception(message, inner);
