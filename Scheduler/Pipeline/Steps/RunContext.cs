using Recommender.Scheduler.Pipeline.Runs;

namespace Recommender.Scheduler.Pipeline.Steps;

/// <summary>
/// What a step works on: the leased run, the worker holding it, its output keys, a private scratch
/// folder, the meters its progress goes to and the operator's cancel.
/// </summary>
public sealed record RunContext(ClaimedRun Run, string Worker, RunKeys Keys, string WorkDirectory, RunMeters Meters, RunCancellation Cancellation)
{
    public string LocalPath(string name) => Path.Combine(WorkDirectory, name);
}
