UPDATE pipeline_run_steps AS s
SET status = 'running', started_at = clock_timestamp(), finished_at = NULL, rows_in = NULL, rows_out = NULL, output_key = NULL, error = NULL
FROM pipeline_runs AS r
WHERE s.run_id = $1 AND s.step = $3 AND r.id = s.run_id AND r.worker = $2 AND r.status = 'running';
