-- Run $1 with its step counts and data-quality findings, then its steps in pipeline order.
SELECT r.id, r.logical_date, r.trigger, r.status, r.attempt, r.max_attempts,
       r.queued_at, r.started_at, r.finished_at, r.worker, r.error,
       (SELECT count(*) FROM pipeline_run_steps s WHERE s.run_id = r.id)::int AS steps_total,
       (SELECT count(*) FROM pipeline_run_steps s WHERE s.run_id = r.id AND s.status IN ('succeeded', 'skipped'))::int AS steps_succeeded,
       r.data_quality::text
FROM pipeline_runs r
WHERE r.id = $1;

SELECT step, status, started_at, finished_at, rows_in, rows_out, output_key, error
FROM pipeline_run_steps
WHERE run_id = $1
ORDER BY array_position(ARRAY['filter', 'top_ctr', 'top_product', 'publish'], step), step;
