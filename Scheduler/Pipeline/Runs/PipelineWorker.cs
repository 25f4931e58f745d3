using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Recommender.Contracts;
using Recommender.Scheduler.Pipeline.Reliability;

namespace Recommender.Scheduler.Pipeline.Runs;

/// <summary>
/// Takes one run at a time from the queue and sees it through: lease renewed by a heartbeat, the
/// date's advisory lock held for the whole run (so two replicas never work on one date), transient
/// failures retried with backoff, dead workers' runs taken back.
/// </summary>
public sealed class PipelineWorker(RunLedger ledger, PipelineRunner runner, IOptions<PipelineOptions> options, ILogger<PipelineWorker> logger)
{
    /// <summary>Unique per worker: the host, the process and a random suffix.</summary>
    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Re-queues runs of dead workers, then claims the next due run (or <paramref name="runId"/>)
    /// and processes it. Returns null when there was nothing to claim.
    /// </summary>
    public async Task<RunOutcome?> ProcessNextAsync(long? runId = null, IProgress<StepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        foreach (var (id, date, status) in await ledger.RequeueExpiredAsync(cancellationToken))
        {
            logger.LogWarning("Run {RunId} for {Date} lost its worker (lease expired); it is now {Status}", id, date, status);
        }

        var run = await ledger.ClaimAsync(Name, settings.LeaseDuration, runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RunId"] = run.Id, ["LogicalDate"] = run.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        await using var dateLock = await ledger.DataSource.OpenConnectionAsync(cancellationToken);
        if (!await TryLockDateAsync(dateLock, run.Date, cancellationToken))
        {
            if (await ledger.CancelIfRequestedAsync(run.Id, Name, cancellationToken))
            {
                return new RunOutcome(run, RunOutcomeKind.Cancelled);
            }

            logger.LogInformation("Another worker holds the lock of {Date}; run {RunId} goes back to the queue", run.Date, run.Id);
            await ledger.ReleaseAsync(run.Id, Name, settings.PollInterval, cancellationToken);
            return new RunOutcome(run, RunOutcomeKind.Deferred);
        }

        try
        {
            return await ProcessAsync(run, progress, cancellationToken);
        }
        finally
        {
            await UnlockDateAsync(dateLock, run.Date);
        }
    }

    private async Task<RunOutcome> ProcessAsync(ClaimedRun run, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var activity = PipelineTelemetry.Source.StartActivity("pipeline.run");
        activity?.SetTag("recs.run_id", run.Id);
        activity?.SetTag("recs.date", run.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        activity?.SetTag("recs.trigger", run.Trigger);
        activity?.SetTag("recs.attempt", run.Attempt);
        logger.LogInformation("Run {RunId} for {Date} ({Trigger}), attempt {Attempt} of {MaxAttempts}, started by {Worker}", run.Id, run.Date, run.Trigger, run.Attempt, run.MaxAttempts, Name);

        var clock = Stopwatch.StartNew();
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var heartbeatStop = new CancellationTokenSource();
        using var cancellation = new RunCancellation();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(leaseLost.Token, cancellation.Token);
        var meters = new RunMeters();
        var heartbeat = HeartbeatAsync(run, leaseLost, cancellation, meters, heartbeatStop.Token);
        RunOutcome outcome;
        try
        {
            await runner.RunAsync(run, Name, meters, cancellation, progress, work.Token);
            outcome = new RunOutcome(run, RunOutcomeKind.Succeeded);
        }
        catch (Exception) when (cancellation.IsRequested && !leaseLost.IsCancellationRequested)
        {
            logger.LogWarning("Run {RunId} for {Date} was cancelled by an operator", run.Id, run.Date);
            await ledger.CancelIfRequestedAsync(run.Id, Name, CancellationToken.None);
            outcome = new RunOutcome(run, RunOutcomeKind.Cancelled, "cancelled by an operator");
        }
        catch (Exception) when (leaseLost.IsCancellationRequested)
        {
            outcome = new RunOutcome(run, RunOutcomeKind.Abandoned,
                cancellationToken.IsCancellationRequested ? "the worker is stopping" : "the run was taken from this worker");
            if (cancellationToken.IsCancellationRequested)
            {
                // Stopping: hand the run back at once instead of waiting for the lease to expire.
                await ledger.RetryLaterAsync(run.Id, Name, TimeSpan.Zero, "interrupted: the worker stopped", CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            var error = StepException.OneLine(ex.Message);
            if (await ledger.CancelIfRequestedAsync(run.Id, Name, CancellationToken.None))
            {
                // A cancel asked for while the run failed: the operator's word is the last.
                outcome = new RunOutcome(run, RunOutcomeKind.Cancelled, error);
            }
            else if (VolumeHeld.Of(ex) is not null)
            {
                logger.LogWarning("Run {RunId} for {Date} is held: {Error}", run.Id, run.Date, error);
                await ledger.HoldAsync(run.Id, Name, error, CancellationToken.None);
                outcome = new RunOutcome(run, RunOutcomeKind.Held, error);
            }
            else if (RetryPolicy.IsTransient(ex) && (run.Attempt < run.MaxAttempts || await WithinTransientWindowAsync(run)))
            {
                var delay = RetryPolicy.Delay(run.Attempt, settings.RetryBaseDelay, settings.RetryMaxDelay);
                logger.LogWarning(ex, "Run {RunId} failed transiently ({Error}); retrying in {Delay}", run.Id, error, delay);
                await ledger.RetryLaterAsync(run.Id, Name, delay, error, CancellationToken.None);
                outcome = new RunOutcome(run, RunOutcomeKind.Retrying, error);
            }
            else
            {
                logger.LogError(ex, "Run {RunId} for {Date} failed: {Error}", run.Id, run.Date, error);
                await ledger.FailAsync(run.Id, Name, error, CancellationToken.None);
                outcome = new RunOutcome(run, RunOutcomeKind.Failed, error);
            }
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
        }

        if (outcome.Kind == RunOutcomeKind.Succeeded)
        {
            logger.LogInformation("Run {RunId} for {Date} succeeded in {Seconds:F1} s", run.Id, run.Date, clock.Elapsed.TotalSeconds);
        }
        else
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome.Error);
        }

        var tag = new KeyValuePair<string, object?>("outcome", outcome.Kind.ToString().ToLowerInvariant());
        PipelineTelemetry.RunDuration.Record(clock.Elapsed.TotalSeconds, tag);
        PipelineTelemetry.Runs.Add(1, tag);
        return outcome;
    }

    /// <summary>Whether a transient failure is still inside <c>Pipeline:TransientRetryWindow</c>, counted from the run's start.</summary>
    private async Task<bool> WithinTransientWindowAsync(ClaimedRun run)
    {
        try
        {
            return await ledger.GetAsync(run.Id, CancellationToken.None) is { StartedAt: { } started }
                && DateTimeOffset.UtcNow - started < options.Value.TransientRetryWindow;
        }
        catch (Exception ex) when (RetryPolicy.IsTransient(ex))
        {
            // The ledger itself is out of reach: the outage is still on, so keep the run.
            return true;
        }
    }

    /// <summary>
    /// Renews the lease and records the steps' progress until stopped; cancels the run's work when the
    /// lease was lost or an operator asked for a cancel.
    /// </summary>
    private async Task HeartbeatAsync(ClaimedRun run, CancellationTokenSource leaseLost, RunCancellation cancellation, RunMeters meters, CancellationToken stop)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    var renewed = await ledger.RenewLeaseAsync(run.Id, Name, settings.LeaseDuration, meters.Read(), stop);
                    if (renewed is true && !cancellation.IsRequested && cancellation.TryCancel())
                    {
                        logger.LogInformation("Run {RunId}: an operator asked to cancel it; stopping its work", run.Id);
                    }

                    if (renewed is null)
                    {
                        // Publish marks the run succeeded just before the heartbeat is stopped: that is not a loss.
                        if (await ledger.GetAsync(run.Id, stop) is { Status: RunStatuses.Succeeded })
                        {
                            return;
                        }

                        logger.LogWarning("Run {RunId} was taken from this worker; stopping its work", run.Id);
                        await leaseLost.CancelAsync();
                        return;
                    }
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
                {
                    // The date lock is still ours, so nobody takes the run meanwhile; try again next beat.
                    logger.LogWarning("Could not renew the lease of run {RunId}: {Message}", run.Id, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private static async Task<bool> TryLockDateAsync(NpgsqlConnection connection, DateOnly date, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1, $2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = RunLedger.DateLockClass });
        command.Parameters.Add(new NpgsqlParameter { Value = RunLedger.DateLockKey(date) });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task UnlockDateAsync(NpgsqlConnection connection, DateOnly date)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1, $2)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = RunLedger.DateLockClass });
            command.Parameters.Add(new NpgsqlParameter { Value = RunLedger.DateLockKey(date) });
            await command.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (NpgsqlException ex)
        {
            // A broken connection has released the lock already; make sure it is not pooled.
            logger.LogWarning("Could not release the lock of {Date}: {Message}", date, ex.Message);
            NpgsqlConnection.ClearPool(connection);
        }
    }
}
