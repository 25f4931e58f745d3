using System.CommandLine;
using Microsoft.Extensions.Options;
using Recommender.Scheduler.Pipeline;
using Recommender.Scheduler.Pipeline.Runs;

namespace Recommender.Scheduler.Cli;

/// <summary><c>run --date D</c>: queues a manual run for one date and sees it through.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var date = new Option<string>("--date") { Description = "The logical date, YYYY-MM-DD.", Required = true };
        var noWait = new Option<bool>("--no-wait") { Description = "Only queue the run; a Scheduler service processes it." };
        var acceptVolume = new Option<bool>("--accept-volume") { Description = "Publish the day even when the volume guard would hold it." };
        var command = new Command("run", "Run the pipeline for one date: filter, TopCTR, TopProduct, publish.") { date, noWait, acceptVolume };
        command.SetAction(async (result, cancellationToken) =>
        {
            var problems = new List<string>();
            var day = PipelineCommandHost.ParseDate(result.GetValue(date), "--date", problems);
            if (day is null)
            {
                return PipelineCommandHost.Usage(problems);
            }

            return await PipelineCommandHost.RunAsync(async services =>
            {
                var ledger = services.GetRequiredService<RunLedger>();
                var maxAttempts = services.GetRequiredService<IOptions<PipelineOptions>>().Value.MaxAttempts;
                var (runId, created) = await ledger.EnqueueAsync(day.Value, "manual", maxAttempts, cancellationToken);
                if (result.GetValue(acceptVolume))
                {
                    await ledger.AcceptVolumeAsync(runId, cancellationToken);
                }

                Console.Error.WriteLine(created ? $"queued run {runId} for {day:yyyy-MM-dd}" : $"run {runId} for {day:yyyy-MM-dd} was already queued or running");
                return result.GetValue(noWait) ? 0 : await services.GetRequiredService<RunFollower>().CompleteAsync([runId], cancellationToken);
            });
        });
        return command;
    }
}
