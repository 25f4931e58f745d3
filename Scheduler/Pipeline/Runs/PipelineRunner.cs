using System.Diagnostics;
using Microsoft.Extensions.Options;
using Recommender.Contracts;
using Recommender.Scheduler.Pipeline.Reliability;
using Recommender.Scheduler.Pipeline.Steps;
using Recommender.Scheduler.Storage;

namespace Recommender.Scheduler.Pipeline.Runs;

/// <summary>
/// Takes a leased run through Filter → (TopCTR ‖ TopProduct) → Publish, recording each step in the
/// ledger. A step that succeeded in an earlier attempt and whose outputs are still in S3 is reused,
/// so a failed run resumes at the step that failed.
/// </summary>
public sealed class PipelineRunner(
    FilterStep filter, TopCtrStep topCtr, TopProductStep topProduct, PublishStep publish,
    RunLedger ledger, Bucket bucket, WorkFolders workFolders, IOptions<PipelineOptions> options, ILogger<PipelineRunner> logger)
{
    public async Task RunAsync(
        ClaimedRun run, string worker, RunMeters meters, RunCancellation cancellation, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await workFolders.CleanAsync(cancellationToken);
        var work = WorkFolders.CreateRunFolder(settings.ResolveTempDirectory(), run.Id, run.Attempt);
        try
        {
            var context = new RunContext(run, worker, new RunKeys(settings.RunsPrefix, run.Date), work.FullName, meters, cancellation);
            var statuses = await ledger.StepStatusesAsync(run.Id, cancellationToken);

            await StopIfCancelledAsync(context, cancellationToken);
            await RunStepAsync(filter, context, statuses, progress, cancellationToken);
            await StopIfCancelledAsync(context, cancellationToken);
            await Task.WhenAll(
                RunStepAsync(topCtr, context, statuses, progress, cancellationToken),
                RunStepAsync(topProduct, context, statuses, progress, cancellationToken));
            await StopIfCancelledAsync(context, cancellationToken);
            await RunStepAsync(publish, context, statuses, progress, cancellationToken);
        }
        finally
        {
            WorkFolders.Release(work);
        }
    }

    /// <summary>Between steps: an operator's cancel the heartbeat has not seen yet stops the run here.</summary>
    private async Task StopIfCancelledAsync(RunContext context, CancellationToken cancellationToken)
    {
        if (await ledger.CancelRequestedAsync(context.Run.Id, cancellationToken) && context.Cancellation.TryCancel())
        {
            throw new OperationCanceledException($"run {context.Run.Id} was cancelled by an operator", context.Cancellation.Token);
        }
    }

    private async Task RunStepAsync(
        IPipelineStep step, RunContext context, IReadOnlyDictionary<string, string> statuses, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var run = context.Run;
        if (statuses.GetValueOrDefault(step.Name) is StepStatuses.Succeeded or StepStatuses.Reused && await OutputsExistAsync(step, context.Keys, cancellationToken))
        {
            logger.LogInformation("Step {Step} succeeded in an earlier attempt; reusing its outputs", step.Name);
            progress?.Report(new StepProgress(run.Id, run.Date, step.Name, StepStatuses.Reused));
            return;
        }

        using var activity = PipelineTelemetry.Source.StartActivity($"pipeline.step {step.Name}");
        activity?.SetTag("recs.run_id", run.Id);
        activity?.SetTag("recs.step", step.Name);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Step"] = step.Name });
        var clock = Stopwatch.StartNew();
        await ledger.StepStartedAsync(run.Id, context.Worker, step.Name, cancellationToken);
        progress?.Report(new StepProgress(run.Id, run.Date, step.Name, StepStatuses.Running));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.StepTimeout);
        try
        {
            var result = await step.RunAsync(context, timeout.Token);
            if (!result.RecordedByStep)
            {
                await ledger.StepFinishedAsync(run.Id, context.Worker, step.Name, StepStatuses.Succeeded, result.RowsIn, result.RowsOut, result.OutputKey, null, cancellationToken);
            }

            PipelineTelemetry.StepDuration.Record(clock.Elapsed.TotalSeconds, new("step", step.Name), new("outcome", StepStatuses.Succeeded));
            logger.LogInformation(
                "Step {Step} succeeded in {Seconds:F1} s: {RowsIn} rows in, {RowsOut} rows out", step.Name, clock.Elapsed.TotalSeconds, result.RowsIn, result.RowsOut);
            progress?.Report(new StepProgress(run.Id, run.Date, step.Name, StepStatuses.Succeeded, result.RowsIn, result.RowsOut, clock.Elapsed));
        }
        catch (Exception ex)
        {
            var error = ex is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                ? new StepException(step.Name, new TimeoutException($"timed out after {options.Value.StepTimeout}"))
                : new StepException(step.Name, ex);
            activity?.SetStatus(ActivityStatusCode.Error, error.Message);
            PipelineTelemetry.StepDuration.Record(clock.Elapsed.TotalSeconds, new("step", step.Name), new("outcome", StepStatuses.Failed));
            progress?.Report(new StepProgress(run.Id, run.Date, step.Name, StepStatuses.Failed, Elapsed: clock.Elapsed, Error: error.Message));
            if (!cancellationToken.IsCancellationRequested)
            {
                await ledger.StepFinishedAsync(run.Id, context.Worker, step.Name, StepStatuses.Failed, null, null, null, error.Message, CancellationToken.None);
            }

            throw error;
        }
        finally
        {
            context.Meters.Stop(step.Name);
        }
    }

    private async Task<bool> OutputsExistAsync(IPipelineStep step, RunKeys keys, CancellationToken cancellationToken)
    {
        foreach (var key in step.Outputs(keys))
        {
            if (!await bucket.ExistsAsync(key, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }
}
