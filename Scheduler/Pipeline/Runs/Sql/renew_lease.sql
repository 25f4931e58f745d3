-- The worker is alive: extend its lease and record its steps' progress ($4..$8 arrays, one element
-- per running step). No row means the run was taken from it; the row says whether a cancel is asked.
WITH run AS (
    UPDATE pipeline_runs
    SET heartbeat_at = clock_timestamp(), lease_expires_at = clock_timestamp() + $3 * interval '1 millisecond'
    WHERE id = $1 AND worker = $2 AND status = 'running'
    RETURNING id, cancel_requested_at IS NOT NULL AS cancel_requested
), progress AS (
    UPDATE pipeline_run_steps AS s
    SET progress_unit = p.unit, progress_done = p.done, progress_total = p.total, progress_updated_at = clock_timestamp()
    FROM run, unnest($4::text[], $5::text[], $6::bigint[], $7::bigint[]) AS p(step, unit, done, total)
    WHERE s.run_id = run.id AND s.step = p.step AND s.status = 'running'
)
SELECT cancel_requested FROM run;
