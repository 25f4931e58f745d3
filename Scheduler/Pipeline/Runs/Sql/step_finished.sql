-- Records a step's outcome, as long as the worker still holds the run.
UPDATE pipeline_run_steps AS s
SET status = $4, finished_at = clock_timestamp(), rows_in = $5, rows_out = $6, output_key = $7, error = $8
FROM pipeline_runs AS r
WHERE s.run_id = $1 AND s.step = $3 AND r.id = s.run_id AND r.worker = $2 AND r.status = 'running';
