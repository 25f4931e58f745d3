-- The worker could not take the date's lock (another replica works on that date): hand the run
-- back untouched, due again after $3 milliseconds.
UPDATE pipeline_runs
SET status = 'queued', attempt = attempt - 1, not_before = now() + $3 * interval '1 millisecond',
    worker = NULL, lease_expires_at = NULL
WHERE id = $1 AND worker = $2 AND status = 'running';
