-- Run $1's data-quality findings, then its steps in pipeline order with their progress.
SELECT data_quality::text AS data_quality FROM pipeline_runs WHERE id = $1;

SELECT step, status, started_at, finished_at, rows_in, rows_out, output_key, error,
       extract(epoch FROM coalesce(finished_at, CASE WHEN status = 'running' THEN now() END) - started_at)::double precision AS duration_seconds,
       progress_unit, progress_done, progress_total, progress_updated_at
FROM pipeline_run_steps
WHERE run_id = $1
ORDER BY array_position(ARRAY['filter', 'top_ctr', 'top_product', 'publish'], step), step;
