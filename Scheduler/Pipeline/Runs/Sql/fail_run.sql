-- The run has failed for good: steps that never started are marked skipped.
WITH run AS (
    UPDATE pipeline_runs
    SET status = 'failed', finished_at = now(), error = $3, lease_expires_at = NULL
    WHERE id = $1 AND worker = $2 AND status = 'running'
    RETURNING id
)
UPDATE pipeline_run_steps AS s
SET status = CASE WHEN s.status = 'running' THEN 'failed' ELSE 'skipped' END
FROM run
WHERE s.run_id = run.id AND s.status IN ('pending', 'running');
