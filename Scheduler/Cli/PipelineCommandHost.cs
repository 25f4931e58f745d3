using System.Globalization;
using Microsoft.Extensions.Options;
using Recommender.Scheduler.Extensions;
using Recommender.Scheduler.Pipeline;
using Recommender.Scheduler.Pipeline.Runs;

namespace Recommender.Scheduler.Cli;

/// <summary>What the pipeline commands share: the services, date parsing, and one-line errors.</summary>
internal static class PipelineCommandHost
{
    /// <summary>Runs <paramref name="action"/> with the pipeline's services; any set-up or connection problem ends in one line and exit code 1.</summary>
    public static async Task<int> RunAsync(Func<IServiceProvider, Task<int>> action)
    {
        try
        {
            using var host = CliHost.Build(builder =>
            {
                builder.AddPipeline();
                builder.Services.AddTransient<RunFollower>();
                // The command prints progress and errors itself; the workers' own logs would repeat them.
                builder.Logging.SetMinimumLevel(LogLevel.Critical);
            });
            _ = host.Services.GetRequiredService<IOptions<PipelineOptions>>().Value;
            return await action(host.Services);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.Error.WriteLine($"error: {StepException.OneLine(ex is OptionsValidationException v ? string.Join(" ", v.Failures) : ex.Message)}");
            return 1;
        }
    }

    public static DateOnly? ParseDate(string? value, string option, List<string> problems)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add($"{option} '{value}' is not a date of the form YYYY-MM-DD.");
        return null;
    }

    public static int Usage(IEnumerable<string> problems)
    {
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"error: {problem}");
        }

        return 2;
    }
}
