using System.Globalization;
using Recommender.Scheduler.Pipeline.Runs;

namespace Recommender.Scheduler.Cli;

/// <summary>
/// Sees queued runs through from the command line, in order: processes each in this process when
/// it can claim it, or follows it while another worker (a Scheduler service) has it. Prints a line
/// per step as it goes and ends with the first failure's reason on one line.
/// </summary>
internal sealed class RunFollower(RunLedger ledger, PipelineWorker worker)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public async Task<int> CompleteAsync(IReadOnlyList<long> runIds, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var progress = new Progress<StepProgress>(Print);
        foreach (var runId in runIds)
        {
            var announced = false;
            while (true)
            {
                var state = await ledger.GetAsync(runId, cancellationToken) ?? throw new InvalidOperationException($"run {runId} does not exist");
                if (state.IsFinished)
                {
                    Console.Error.WriteLine(state.Status == "succeeded"
                        ? $"{Date(state.Date)} run {runId} succeeded"
                        : $"{Date(state.Date)} run {runId} {state.Status}: {state.Error}");
                    if (state.Status != "succeeded")
                    {
                        failures.Add($"run {runId} for {Date(state.Date)} {state.Status}: {state.Error}");
                    }

                    break;
                }

                if (state.Status == "queued" && await worker.ProcessNextAsync(runId, progress, cancellationToken) is not null)
                {
                    continue;
                }

                if (!announced && state.Status == "running")
                {
                    Console.Error.WriteLine($"{Date(state.Date)} run {runId} is being processed by another worker; following it");
                    announced = true;
                }

                await Task.Delay(PollInterval, cancellationToken);
            }
        }

        if (failures.Count == 0)
        {
            return 0;
        }

        Console.Error.WriteLine($"error: {failures[0]}{(failures.Count > 1 ? $" (and {failures.Count - 1} more failed run(s))" : "")}");
        return 1;
    }

    private static void Print(StepProgress p)
    {
        var detail = p.Status switch
        {
            "succeeded" => $"{p.RowsIn:N0} rows in, {p.RowsOut:N0} out, {p.Elapsed?.TotalSeconds:F1} s",
            "failed" => p.Error,
            "reused" => "output of an earlier attempt",
            _ => "",
        };
        Console.Error.WriteLine($"{Date(p.Date)} run {p.RunId} {p.Step,-12} {p.Status,-10} {detail}".TrimEnd());
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
