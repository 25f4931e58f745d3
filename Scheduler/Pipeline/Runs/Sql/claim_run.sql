-- Takes the next due queued run ($3 NULL) or the given run when it is due, skipping rows another worker is
-- taking at this moment, and leases it to worker $1 for $2 milliseconds.
UPDATE pipeline_runs AS r
SET status = 'running',
    attempt = r.attempt + 1,
    started_at = coalesce(r.started_at, clock_timestamp()),
    heartbeat_at = clock_timestamp(),
    lease_expires_at = clock_timestamp() + $2 * interval '1 millisecond',
    worker = $1,
    finished_at = NULL
FROM (
    SELECT id
    FROM pipeline_runs
    WHERE status = 'queued' AND not_before <= clock_timestamp() AND ($3::bigint IS NULL OR id = $3::bigint)
    ORDER BY not_before, id
    LIMIT 1
    FOR UPDATE SKIP LOCKED
) AS next
WHERE r.id = next.id
RETURNING r.id, r.logical_date, r.trigger, r.attempt, r.max_attempts;
