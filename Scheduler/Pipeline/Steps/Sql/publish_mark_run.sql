-- Marks the publish step and the run succeeded, only while worker $2 still holds the run.
WITH run AS (
    UPDATE pipeline_runs
    SET status = 'succeeded', finished_at = clock_timestamp(), error = NULL, lease_expires_at = NULL
    WHERE id = $1 AND worker = $2 AND status = 'running'
    RETURNING id
)
UPDATE pipeline_run_steps AS s
SET status = 'succeeded', finished_at = clock_timestamp(), rows_in = $3, rows_out = $4, output_key = NULL, error = NULL
FROM run
WHERE s.run_id = run.id AND s.step = 'publish';
