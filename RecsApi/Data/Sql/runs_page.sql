-- A page of the run ledger, newest first, filtered by status ($1), trigger ($4), logical dates
-- $5..$6 (both included) and run id ($7); a null filter keeps every run. The total, then the rows.
SELECT count(*)::int
FROM pipeline_runs r
WHERE ($1::text IS NULL OR r.status = $1::text)
  AND ($4::text IS NULL OR r.trigger = $4::text)
  AND ($5::date IS NULL OR r.logical_date >= $5::date)
  AND ($6::date IS NULL OR r.logical_date <= $6::date)
  AND ($7::bigint IS NULL OR r.id = $7::bigint);

SELECT r.id, r.logical_date, r.trigger, r.status, r.attempt, r.max_attempts,
       r.queued_at, r.started_at, r.finished_at, r.worker, r.error,
       r.source, r.parameters::text AS parameters, r.cancel_requested_at IS NOT NULL AS cancel_requested,
       r.cancel_too_late,
       extract(epoch FROM coalesce(r.finished_at, CASE WHEN r.status = 'running' THEN now() END) - r.started_at)::double precision AS duration_seconds,
       s.total, s.pending, s.running, s.succeeded, s.reused, s.failed, s.skipped, s.cancelled
FROM pipeline_runs r
CROSS JOIN LATERAL (
    SELECT count(*)::int                                       AS total,
           count(*) FILTER (WHERE status = 'pending')::int     AS pending,
           count(*) FILTER (WHERE status = 'running')::int     AS running,
           count(*) FILTER (WHERE status = 'succeeded')::int   AS succeeded,
           count(*) FILTER (WHERE status = 'reused')::int      AS reused,
           count(*) FILTER (WHERE status = 'failed')::int      AS failed,
           count(*) FILTER (WHERE status = 'skipped')::int     AS skipped,
           count(*) FILTER (WHERE status = 'cancelled')::int   AS cancelled
    FROM pipeline_run_steps
    WHERE run_id = r.id
) AS s
WHERE ($1::text IS NULL OR r.status = $1::text)
  AND ($4::text IS NULL OR r.trigger = $4::text)
  AND ($5::date IS NULL OR r.logical_date >= $5::date)
  AND ($6::date IS NULL OR r.logical_date <= $6::date)
  AND ($7::bigint IS NULL OR r.id = $7::bigint)
ORDER BY r.id DESC
LIMIT $2 OFFSET $3;
