namespace Recommender.Scheduler.Pipeline.Runs;

/// <summary>Who queued a run, as its <c>source</c> records it.</summary>
public static class RunSources
{
    public const string Schedule = "schedule";

    /// <summary>The Scheduler's command line, with the OS user who ran it.</summary>
    public static string Cli => $"cli:{Environment.UserName}";
}
