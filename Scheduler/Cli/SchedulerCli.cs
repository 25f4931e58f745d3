using System.CommandLine;

namespace Recommender.Scheduler.Cli;

/// <summary>The Scheduler's command line: the same binary that runs as the service.</summary>
public static class SchedulerCli
{
    private static readonly string[] HelpFlags = ["--help", "-h", "-?", "--version"];

    /// <summary>True when the arguments ask for a command rather than the long-running service.</summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (HelpFlags.Contains(args[0]) || BuildRoot().Subcommands.Any(c => c.Name == args[0]));

    public static Task<int> RunAsync(string[] args) => BuildRoot().Parse(args).InvokeAsync();

    private static RootCommand BuildRoot()
    {
        var root = new RootCommand("Recommender Scheduler: runs as the pipeline service with no arguments, or one of these commands.");
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(BackfillCommand.Create());
        root.Subcommands.Add(ResumeCommand.Create());
        root.Subcommands.Add(CancelCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        return root;
    }
}
