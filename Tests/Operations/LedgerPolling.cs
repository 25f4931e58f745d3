using Recommender.Tests.Pipeline.Stack;

namespace Recommender.Tests.Operations;

/// <summary>Waits on the ledger the way an operator's client does: by reading it again.</summary>
internal static class LedgerPolling
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>Until <paramref name="step"/> of the run has <paramref name="status"/>.</summary>
    public static Task WaitForStepAsync(this PipelineHarness harness, long runId, string step, string status) =>
        UntilAsync(async () => await harness.ScalarAsync<string>(
            "SELECT status FROM pipeline_run_steps WHERE run_id = $1 AND step = $2", runId, step) == status,
            $"step {step} of run {runId} to be {status}");

    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Limit)
            {
                throw new TimeoutException($"waited {Limit} for {what}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
