using Recommender.Scheduler.Pipeline.Runs;

namespace Recommender.Scheduler.Pipeline.Steps;

/// <summary>What a step works on: the leased run, the worker holding it, its output keys and a private scratch folder.</summary>
public sealed record RunContext(ClaimedRun Run, string Worker, RunKeys Keys, string WorkDirectory)
{
    public string LocalPath(string name) => Path.Combine(WorkDirectory, name);
}
