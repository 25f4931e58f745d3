-- The worker could not take the date's lock (another replica works on that date): hand the run
-- back untouched, due again after $3 milliseconds. A run an operator asked to cancel is not handed back.
UPDATE pipeline_runs
SET status = 'queued', attempt = attempt - 1, not_before = clock_timestamp() + $3 * interval '1 millisecond',
    worker = NULL, lease_expires_at = NULL
WHERE id = $1 AND worker = $2 AND status = 'running' AND cancel_requested_at IS NULL;
