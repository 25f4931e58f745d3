-- Runs whose worker stopped renewing its lease go back to the queue, or fail when out of attempts.
-- A run an operator asked to cancel ends cancelled instead.
-- Only when no session holds the date's lock: a worker that still holds it is slow, not dead.
-- A lease that ran out while this server was down is not the worker's fault (a restart also drops
-- its date lock): it counts from the server's start, so a live worker renews it once it reconnects
-- instead of its run being failed or charged another attempt.
WITH expired AS (
    SELECT id
    FROM pipeline_runs
    WHERE status = 'running'
      AND greatest(lease_expires_at, pg_postmaster_start_time() + coalesce(lease_expires_at - heartbeat_at, interval '0')) < clock_timestamp()
    FOR UPDATE SKIP LOCKED
), taken AS (
    UPDATE pipeline_runs AS r
    SET status = CASE WHEN r.cancel_requested_at IS NOT NULL THEN 'cancelled' WHEN r.attempt >= r.max_attempts THEN 'failed' ELSE 'queued' END,
        error = format('worker %s stopped renewing its lease (expired %s)', r.worker, r.lease_expires_at),
        finished_at = CASE WHEN r.cancel_requested_at IS NOT NULL OR r.attempt >= r.max_attempts THEN clock_timestamp() END,
        not_before = clock_timestamp(),
        lease_expires_at = NULL
    FROM expired
    WHERE r.id = expired.id AND pg_try_advisory_xact_lock($1, r.logical_date - DATE '2000-01-01')
    RETURNING r.id, r.logical_date, r.status
), steps AS (
    UPDATE pipeline_run_steps AS s
    SET status = CASE WHEN taken.status = 'failed' THEN 'failed' WHEN taken.status = 'cancelled' AND s.status = 'running' THEN 'cancelled'
                      WHEN taken.status = 'cancelled' THEN 'skipped' ELSE 'pending' END,
        error = CASE WHEN taken.status = 'failed' THEN 'worker stopped' END
    FROM taken
    WHERE s.run_id = taken.id AND (s.status = 'running' OR (taken.status = 'cancelled' AND s.status = 'pending'))
)
SELECT id, logical_date, status FROM taken;
