-- Queues a run for one date unless one is already queued or running for it, and returns that
-- run either way. The Scheduler's CLI and schedule and the RecsApi admin endpoints all queue
-- through this one function, so the rules live in one place. Workers LISTEN on recs_run_queued.
CREATE FUNCTION enqueue_run(p_date date, p_trigger text, p_max_attempts integer DEFAULT 3)
RETURNS TABLE (run_id bigint, created boolean)
LANGUAGE plpgsql
AS $$
DECLARE
    v_id bigint;
BEGIN
    LOOP
        INSERT INTO pipeline_runs (logical_date, trigger, max_attempts)
        VALUES (p_date, p_trigger, p_max_attempts)
        ON CONFLICT (logical_date) WHERE status IN ('queued', 'running') DO NOTHING
        RETURNING id INTO v_id;

        IF v_id IS NOT NULL THEN
            INSERT INTO pipeline_run_steps (run_id, step)
            SELECT v_id, step FROM unnest(ARRAY['filter', 'top_ctr', 'top_product', 'publish']) AS step;
            PERFORM pg_notify('recs_run_queued', p_date::text);
            RETURN QUERY SELECT v_id, true;
            RETURN;
        END IF;

        SELECT id INTO v_id FROM pipeline_runs WHERE logical_date = p_date AND status IN ('queued', 'running');
        IF v_id IS NOT NULL THEN
            RETURN QUERY SELECT v_id, false;
            RETURN;
        END IF;
        -- The active run finished between the two statements: try again.
    END LOOP;
END;
$$;
