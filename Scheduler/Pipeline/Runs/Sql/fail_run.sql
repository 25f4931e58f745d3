-- The run has failed for good: steps that never started are marked skipped. Not when an operator
-- asked to cancel it meanwhile: that run ends cancelled instead (cancel_if_requested).
WITH run AS (
    UPDATE pipeline_runs
    SET status = 'failed', finished_at = clock_timestamp(), error = $3, lease_expires_at = NULL
    WHERE id = $1 AND worker = $2 AND status = 'running' AND cancel_requested_at IS NULL
    RETURNING id
)
UPDATE pipeline_run_steps AS s
SET status = CASE WHEN s.status = 'running' THEN 'failed' ELSE 'skipped' END
FROM run
WHERE s.run_id = run.id AND s.status IN ('pending', 'running');
