-- A run and its steps as one row per step (step columns NULL when the run has none).
SELECT r.id, r.logical_date, r.trigger, r.status, r.attempt, r.max_attempts, r.error,
       s.step, s.status, s.rows_in, s.rows_out, s.error, r.queued_at, r.started_at, r.finished_at, r.source, r.parameters::text
FROM pipeline_runs AS r
LEFT JOIN pipeline_run_steps AS s ON s.run_id = r.id
WHERE r.id = ANY($1)
ORDER BY r.id, array_position(ARRAY['filter', 'top_ctr', 'top_product', 'publish'], s.step);
