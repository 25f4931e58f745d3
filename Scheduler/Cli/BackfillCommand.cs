using System.CommandLine;
using Microsoft.Extensions.Options;
using Recommender.Contracts;
using Recommender.Scheduler.Pipeline;
using Recommender.Scheduler.Pipeline.Operations;
using Recommender.Scheduler.Pipeline.Runs;

namespace Recommender.Scheduler.Cli;

/// <summary>
/// <c>backfill --from A --to B [--reprocess missing|failed|all] [--dry-run]</c>: queues one run per
/// date the reprocess mode selects, oldest first, and sees them through in that order; a dry run
/// says for each date what would happen and why, and queues nothing.
/// </summary>
internal static class BackfillCommand
{
    private const int MaxDays = 366;

    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "First date, YYYY-MM-DD.", Required = true };
        var to = new Option<string>("--to") { Description = "Last date, YYYY-MM-DD (inclusive).", Required = true };
        var reprocess = new Option<string>("--reprocess")
        {
            Description = "missing: dates never published; failed: those and dates whose latest run failed; all: every date (default).",
            DefaultValueFactory = _ => ReprocessModes.All,
        };
        reprocess.AcceptOnlyFromAmong([.. ReprocessModes.Modes]);
        var dryRun = new Option<bool>("--dry-run") { Description = "Only say what would happen to each date; queue nothing." };
        var noWait = new Option<bool>("--no-wait") { Description = "Only queue the runs; a Scheduler service processes them." };
        var command = new Command("backfill", "Queue and run the pipeline for the dates of a range, in order.") { from, to, reprocess, dryRun, noWait };
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
                var dry = result.GetValue(dryRun);
                // The CLI can see the bucket: the plan gets today's raw dates, not the last refresh's.
                await services.GetRequiredService<RawInventory>().RefreshAsync(cancellationToken);
                var dates = await ledger.BackfillAsync(
                    first!.Value, last!.Value, result.GetValue(reprocess)!, dry, maxAttempts, RunSources.Cli, cancellationToken);
                var runIds = new List<long>();
                foreach (var (date, created) in dates)
                {
                    var run = date.RunId is { } id ? $" (run {id})" : "";
                    Console.Error.WriteLine($"{date.Date:yyyy-MM-dd} {date.Decision,-16} {date.Reason}{run}");
                    if (!dry && date.RunId is { } runId && (created || date.Decision == BackfillDecisions.SkipActive))
                    {
                        runIds.Add(runId);
                    }
                }

                return dry || result.GetValue(noWait) ? 0 : await services.GetRequiredService<RunFollower>().CompleteAsync(runIds, cancellationToken);
            });
        });
        return command;
    }
}
