-- Runs whose worker stopped renewing its lease go back to the queue, or fail when out of attempts.
-- Only when no session holds the date's lock: a worker that still holds it is slow, not dead.
WITH expired AS (
    SELECT id
    FROM pipeline_runs
    WHERE status = 'running' AND lease_expires_at < now()
    FOR UPDATE SKIP LOCKED
), taken AS (
    UPDATE pipeline_runs AS r
    SET status = CASE WHEN r.attempt >= r.max_attempts THEN 'failed' ELSE 'queued' END,
        error = format('worker %s stopped renewing its lease (expired %s)', r.worker, r.lease_expires_at),
        finished_at = CASE WHEN r.attempt >= r.max_attempts THEN now() END,
        not_before = now(),
        lease_expires_at = NULL
    FROM expired
    WHERE r.id = expired.id AND pg_try_advisory_xact_lock($1, r.logical_date - DATE '2000-01-01')
    RETURNING r.id, r.logical_date, r.status
), steps AS (
    UPDATE pipeline_run_steps AS s
    SET status = CASE WHEN taken.status = 'failed' THEN 'failed' ELSE 'pending' END,
        error = CASE WHEN taken.status = 'failed' THEN 'worker stopped' END
    FROM taken
    WHERE s.run_id = taken.id AND s.status = 'running'
)
SELECT id, logical_date, status FROM taken;
