-- Ends the run cancelled when an operator asked for it, as long as worker $2 holds it; true when it did.
WITH run AS (
    SELECT id FROM pipeline_runs
    WHERE id = $1 AND worker = $2 AND status = 'running' AND cancel_requested_at IS NOT NULL
    FOR UPDATE
)
SELECT count(*) > 0 FROM run, LATERAL end_cancelled_run(run.id);
