-- Finding runs whose worker stopped renewing its lease.
CREATE INDEX pipeline_runs_leases ON pipeline_runs (lease_expires_at) WHERE status = 'running';

-- Puts a failed run back in the queue with fresh attempts. Its succeeded steps stay succeeded, so
-- the worker resumes at the step that failed and reuses the earlier steps' outputs in S3.
-- resumed is false (and nothing changes) when the run is not failed or another run of its date
-- is queued or running. Producers: the Scheduler CLI (resume) and the RecsApi admin endpoints.
CREATE FUNCTION resume_run(p_run_id bigint)
RETURNS TABLE (run_id bigint, resumed boolean)
LANGUAGE plpgsql
AS $$
DECLARE
    v_date date;
BEGIN
    UPDATE pipeline_runs AS r
    SET status = 'queued', attempt = 0, not_before = now(), error = NULL, finished_at = NULL,
        worker = NULL, lease_expires_at = NULL
    WHERE r.id = p_run_id AND r.status = 'failed'
      AND NOT EXISTS (SELECT 1 FROM pipeline_runs AS o WHERE o.logical_date = r.logical_date AND o.status IN ('queued', 'running'))
    RETURNING r.logical_date INTO v_date;

    IF v_date IS NULL THEN
        RETURN QUERY SELECT p_run_id, false;
        RETURN;
    END IF;

    UPDATE pipeline_run_steps AS s
    SET status = 'pending', error = NULL, started_at = NULL, finished_at = NULL
    WHERE s.run_id = p_run_id AND s.status <> 'succeeded';

    PERFORM pg_notify('recs_run_queued', v_date::text);
    RETURN QUERY SELECT p_run_id, true;
EXCEPTION
    WHEN unique_violation THEN
        -- Another run of the date was queued between the check and the update.
        RETURN QUERY SELECT p_run_id, false;
END;
$$;
