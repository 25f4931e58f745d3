-- A page of the run ledger, newest first, optionally of one status ($1, null for all): the total, then the rows.
SELECT count(*)::int FROM pipeline_runs WHERE $1::text IS NULL OR status = $1;

SELECT r.id, r.logical_date, r.trigger, r.status, r.attempt, r.max_attempts,
       r.queued_at, r.started_at, r.finished_at, r.worker, r.error,
       (SELECT count(*) FROM pipeline_run_steps s WHERE s.run_id = r.id)::int AS steps_total,
       (SELECT count(*) FROM pipeline_run_steps s WHERE s.run_id = r.id AND s.status IN ('succeeded', 'skipped'))::int AS steps_succeeded
FROM pipeline_runs r
WHERE $1::text IS NULL OR r.status = $1
ORDER BY r.id DESC
LIMIT $2 OFFSET $3;
