using System.CommandLine;
using Microsoft.Extensions.Options;
using Recommender.Scheduler.Pipeline;
using Recommender.Scheduler.Pipeline.Runs;

namespace Recommender.Scheduler.Cli;

/// <summary><c>backfill --from A --to B</c>: queues one run per date, oldest first, and sees them through in that order.</summary>
internal static class BackfillCommand
{
    private const int MaxDays = 366;

    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "First date, YYYY-MM-DD.", Required = true };
        var to = new Option<string>("--to") { Description = "Last date, YYYY-MM-DD (inclusive).", Required = true };
        var noWait = new Option<bool>("--no-wait") { Description = "Only queue the runs; a Scheduler service processes them." };
        var command = new Command("backfill", "Queue and run the pipeline for every date in a range, in order.") { from, to, noWait };
        command.SetAction(async (result, cancellationToken) =>
        {
            var problems = new List<string>();
            var first = PipelineCommandHost.ParseDate(result.GetValue(from), "--from", problems);
            var last = PipelineCommandHost.ParseDate(result.GetValue(to), "--to", problems);
            if (first is { } a && last is { } b && (b < a || b.DayNumber - a.DayNumber >= MaxDays))
            {
                problems.Add($"--to must be on or after --from and at most {MaxDays} days later.");
            }

            if (problems.Count > 0)
            {
                return PipelineCommandHost.Usage(problems);
            }

            return await PipelineCommandHost.RunAsync(async services =>
            {
                var ledger = services.GetRequiredService<RunLedger>();
                var maxAttempts = services.GetRequiredService<IOptions<PipelineOptions>>().Value.MaxAttempts;
                var runIds = new List<long>();
                for (var day = first!.Value; day <= last!.Value; day = day.AddDays(1))
                {
                    var (runId, created) = await ledger.EnqueueAsync(day, "backfill", maxAttempts, cancellationToken);
                    Console.Error.WriteLine(created ? $"queued run {runId} for {day:yyyy-MM-dd}" : $"run {runId} for {day:yyyy-MM-dd} was already queued or running");
                    runIds.Add(runId);
                }

                return result.GetValue(noWait) ? 0 : await services.GetRequiredService<RunFollower>().CompleteAsync(runIds, cancellationToken);
            });
        });
        return command;
    }
}
