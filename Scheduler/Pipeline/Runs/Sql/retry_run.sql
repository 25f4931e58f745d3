-- A transient failure: queue the run again after $3 milliseconds, keeping the error for the record
-- (not a run an operator asked to cancel: that one ends cancelled instead).
WITH run AS (
    UPDATE pipeline_runs
    SET status = 'queued', not_before = clock_timestamp() + $3 * interval '1 millisecond', error = $4, lease_expires_at = NULL
    WHERE id = $1 AND worker = $2 AND status = 'running' AND cancel_requested_at IS NULL
    RETURNING id
)
UPDATE pipeline_run_steps AS s SET status = 'pending'
FROM run
WHERE s.run_id = run.id AND s.status = 'running';
