using System.CommandLine;
using Recommender.Scheduler.Pipeline.Runs;

namespace Recommender.Scheduler.Cli;

/// <summary><c>cancel --run ID</c>: cancels a queued run at once, or asks a running run's worker to stop it.</summary>
internal static class CancelCommand
{
    public static Command Create()
    {
        var run = new Option<long>("--run") { Description = "The id of a queued or running run (see status).", Required = true };
        var command = new Command("cancel", "Cancel a queued or running run; nothing of it is published.") { run };
        command.SetAction(async (result, cancellationToken) => await PipelineCommandHost.RunAsync(async services =>
        {
            var runId = result.GetValue(run);
            var (code, message) = await services.GetRequiredService<RunLedger>().CancelAsync(runId, cancellationToken) switch
            {
                null => (1, $"error: run {runId} does not exist"),
                (_, CancelOutcomes.Cancelled) => (0, $"run {runId} cancelled"),
                (_, CancelOutcomes.Requested) => (0, $"run {runId} is running; its worker stops it within seconds and nothing of it is published"),
                (_, CancelOutcomes.Publishing) => (0, $"run {runId} is already publishing; it will finish (the cancel came too late and is recorded on the run)"),
                var (status, _) => (1, $"error: run {runId} already ended {status}; nothing to cancel"),
            };
            Console.Error.WriteLine(message);
            return code;
        }));
        return command;
    }
}
