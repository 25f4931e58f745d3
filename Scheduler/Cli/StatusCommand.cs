using System.CommandLine;
using System.Globalization;
using Recommender.Scheduler.Pipeline.Runs;

namespace Recommender.Scheduler.Cli;

/// <summary><c>status</c>: the latest runs with their steps, and the published dates.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit") { Description = "How many recent runs to show.", DefaultValueFactory = _ => 15 };
        var command = new Command("status", "Show recent pipeline runs and the published dates.") { limit };
        command.SetAction(async (result, cancellationToken) => await PipelineCommandHost.RunAsync(async services =>
        {
            var ledger = services.GetRequiredService<RunLedger>();
            var runs = await ledger.RecentAsync(Math.Clamp(result.GetValue(limit), 1, 1000), cancellationToken);
            Console.WriteLine($"{"run",6}  {"date",-10}  {"trigger",-8}  {"status",-9}  {"try",-5}  steps");
            foreach (var run in runs)
            {
                var steps = string.Join(" ", run.Steps.Select(s => $"{s.Step}:{s.Status}"));
                Console.WriteLine($"{run.Id,6}  {run.Date:yyyy-MM-dd}  {run.Trigger,-8}  {run.Status,-9}  {run.Attempt}/{run.MaxAttempts,-3}  {steps}");
                if (run.Error is { } error)
                {
                    Console.WriteLine($"{"",8}{error}");
                }
            }

            await using var published = ledger.DataSource.CreateCommand(
                "SELECT date, active_advertisers, run_id FROM published_dates ORDER BY date DESC");
            await using var reader = await published.ExecuteReaderAsync(cancellationToken);
            var dates = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                dates.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetFieldValue<DateOnly>(0):yyyy-MM-dd} ({reader.GetInt32(1)} advertisers, run {(reader.IsDBNull(2) ? "-" : reader.GetInt64(2))})"));
            }

            Console.WriteLine(dates.Count == 0 ? "published: none" : $"published: {string.Join(", ", dates)}");
            return 0;
        }));
        return command;
    }
}
