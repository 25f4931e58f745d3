-- The volume guard held the day: the run ends held, its failed step (publish) is marked skipped.
WITH run AS (
    UPDATE pipeline_runs
    SET status = 'held', finished_at = clock_timestamp(), error = $3, lease_expires_at = NULL
    WHERE id = $1 AND worker = $2 AND status = 'running'
    RETURNING id
)
UPDATE pipeline_run_steps AS s
SET status = 'skipped', finished_at = coalesce(s.finished_at, clock_timestamp())
FROM run
WHERE s.run_id = run.id AND s.status IN ('pending', 'running', 'failed');
