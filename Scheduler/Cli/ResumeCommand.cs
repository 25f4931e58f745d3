using System.CommandLine;
using Recommender.Scheduler.Pipeline.Runs;

namespace Recommender.Scheduler.Cli;

/// <summary><c>resume --run ID</c>: puts a failed or held run back in the queue and continues it from its first unfinished step.</summary>
internal static class ResumeCommand
{
    public static Command Create()
    {
        var run = new Option<long>("--run") { Description = "The id of a failed or held run (see status).", Required = true };
        var noWait = new Option<bool>("--no-wait") { Description = "Only queue the run; a Scheduler service processes it." };
        var command = new Command("resume", "Resume a failed or held run from its first unfinished step, reusing earlier steps' outputs.") { run, noWait };
        command.SetAction(async (result, cancellationToken) => await PipelineCommandHost.RunAsync(async services =>
        {
            var runId = result.GetValue(run);
            if (!await services.GetRequiredService<RunLedger>().ResumeAsync(runId, cancellationToken))
            {
                Console.Error.WriteLine($"error: run {runId} cannot be resumed: it does not exist, is neither failed nor held, or another run of its date is queued or running");
                return 1;
            }

            Console.Error.WriteLine($"run {runId} queued again");
            return result.GetValue(noWait) ? 0 : await services.GetRequiredService<RunFollower>().CompleteAsync([runId], cancellationToken);
        }));
        return command;
    }
}
