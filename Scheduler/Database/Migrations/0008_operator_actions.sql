-- The operator actions: runs queued with their source, parameters and attempts; resume of failed
-- and held runs that marks kept steps reused; cancel; and the backfill plan over a raw-data inventory.

-- Dates the bucket holds raw data for (both datasets' daily partitions), kept by the Scheduler,
-- because RecsApi has no access to the bucket and a backfill plan must know them.
CREATE TABLE raw_inventory (
    date         date        PRIMARY KEY,
    refreshed_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- The form every producer uses: who queued the run (source) and with what (parameters).
CREATE FUNCTION enqueue_run(p_date date, p_trigger text, p_max_attempts integer, p_source text, p_parameters jsonb)
RETURNS TABLE (run_id bigint, created boolean)
LANGUAGE plpgsql
AS $$
DECLARE
    v_id bigint;
BEGIN
    LOOP
        INSERT INTO pipeline_runs (logical_date, trigger, max_attempts, source, parameters)
        VALUES (p_date, p_trigger, p_max_attempts, p_source, coalesce(p_parameters, '{}'::jsonb))
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

-- The older form stays for callers that know no source: it is the schedule's.
CREATE OR REPLACE FUNCTION enqueue_run(p_date date, p_trigger text, p_max_attempts integer DEFAULT 3)
RETURNS TABLE (run_id bigint, created boolean)
LANGUAGE sql
AS $$
    SELECT * FROM enqueue_run(p_date, p_trigger, p_max_attempts, 'schedule', '{}'::jsonb);
$$;

-- Puts a failed or held run back in the queue with fresh attempts. Steps that succeeded are marked
-- reused (the worker keeps their outputs in S3), the rest pending, so the run resumes at its first
-- unfinished step. resumed is false (nothing changes) when the run is not failed or held, or another
-- run of its date is queued or running.
CREATE OR REPLACE FUNCTION resume_run(p_run_id bigint)
RETURNS TABLE (run_id bigint, resumed boolean)
LANGUAGE plpgsql
AS $$
DECLARE
    v_date date;
BEGIN
    UPDATE pipeline_runs AS r
    SET status = 'queued', attempt = 0, not_before = clock_timestamp(), error = NULL, finished_at = NULL,
        worker = NULL, lease_expires_at = NULL, cancel_requested_at = NULL
    WHERE r.id = p_run_id AND r.status IN ('failed', 'held')
      AND NOT EXISTS (SELECT 1 FROM pipeline_runs AS o WHERE o.logical_date = r.logical_date AND o.status IN ('queued', 'running'))
    RETURNING r.logical_date INTO v_date;

    IF v_date IS NULL THEN
        RETURN QUERY SELECT p_run_id, false;
        RETURN;
    END IF;

    UPDATE pipeline_run_steps AS s
    SET status = CASE WHEN s.status IN ('succeeded', 'reused') THEN 'reused' ELSE 'pending' END,
        error = CASE WHEN s.status IN ('succeeded', 'reused') THEN s.error END,
        started_at = CASE WHEN s.status IN ('succeeded', 'reused') THEN s.started_at END,
        finished_at = CASE WHEN s.status IN ('succeeded', 'reused') THEN s.finished_at END,
        progress_unit = NULL, progress_done = NULL, progress_total = NULL, progress_updated_at = NULL
    WHERE s.run_id = p_run_id;

    PERFORM pg_notify('recs_run_queued', v_date::text);
    RETURN QUERY SELECT p_run_id, true;
EXCEPTION
    WHEN unique_violation THEN
        -- Another run of the date was queued between the check and the update.
        RETURN QUERY SELECT p_run_id, false;
END;
$$;

-- Ends a run cancelled: its running step cancelled, the steps that never started skipped.
CREATE FUNCTION end_cancelled_run(p_run_id bigint)
RETURNS void
LANGUAGE sql
AS $$
    UPDATE pipeline_runs
    SET status = 'cancelled', finished_at = clock_timestamp(), lease_expires_at = NULL,
        cancel_requested_at = coalesce(cancel_requested_at, clock_timestamp())
    WHERE id = p_run_id;
    UPDATE pipeline_run_steps
    SET status = CASE WHEN status = 'running' THEN 'cancelled' ELSE 'skipped' END,
        finished_at = CASE WHEN status = 'running' THEN clock_timestamp() END,
        progress_unit = NULL, progress_done = NULL, progress_total = NULL, progress_updated_at = NULL
    WHERE run_id = p_run_id AND status IN ('pending', 'running');
$$;

-- An operator's cancel. A queued run ends cancelled at once; a running run gets cancel_requested_at,
-- which its worker notices at its next heartbeat. outcome: 'cancelled' (ended now), 'requested'
-- (the worker stops it), 'publishing' (it is inside Publish's transaction and will finish),
-- 'ended' (already over, nothing changed). No row: no such run.
-- Publish holds the run's advisory lock (class 'RcRn', see PublishStep) for its whole transaction.
CREATE FUNCTION cancel_run(p_run_id bigint)
RETURNS TABLE (run_id bigint, status text, outcome text)
LANGUAGE plpgsql
AS $$
DECLARE
    v_status text;
BEGIN
    SELECT r.status INTO v_status FROM pipeline_runs AS r WHERE r.id = p_run_id;
    IF v_status IS NULL THEN
        RETURN;
    END IF;

    IF v_status = 'running' AND NOT pg_try_advisory_xact_lock(1382240878, (p_run_id & 2147483647)::integer) THEN
        RETURN QUERY SELECT p_run_id, 'running'::text, 'publishing'::text;
        RETURN;
    END IF;

    -- Claims skip locked rows, so from here the status stays as read unless a worker already holds it.
    SELECT r.status INTO v_status FROM pipeline_runs AS r WHERE r.id = p_run_id FOR UPDATE;
    IF v_status = 'queued' THEN
        PERFORM end_cancelled_run(p_run_id);
        RETURN QUERY SELECT p_run_id, 'cancelled'::text, 'cancelled'::text;
    ELSIF v_status = 'running' THEN
        UPDATE pipeline_runs AS r SET cancel_requested_at = coalesce(r.cancel_requested_at, clock_timestamp()) WHERE r.id = p_run_id;
        RETURN QUERY SELECT p_run_id, 'running'::text, 'requested'::text;
    ELSE
        RETURN QUERY SELECT p_run_id, v_status, 'ended'::text;
    END IF;
END;
$$;

-- What a backfill of p_from..p_to does with each date in reprocess mode p_mode (missing | failed | all).
-- A date with a queued or running run keeps it. Modes missing and failed skip dates the raw inventory
-- does not hold and dates already published (failed: unless their latest run failed); all queues
-- every other date, as backfills always did.
CREATE FUNCTION plan_backfill(p_from date, p_to date, p_mode text)
RETURNS TABLE (date date, decision text, reason text, run_id bigint, latest_run_status text, published boolean)
LANGUAGE sql STABLE
AS $$
    SELECT d.date,
           CASE WHEN active.id IS NOT NULL THEN 'skip_active'
                WHEN p_mode <> 'all' AND raw.date IS NULL THEN 'skip_no_raw_data'
                WHEN p_mode = 'missing' AND pub.date IS NOT NULL THEN 'skip_published'
                WHEN p_mode = 'failed' AND pub.date IS NOT NULL AND latest.status IS DISTINCT FROM 'failed' THEN 'skip_published'
                ELSE 'queue' END,
           CASE WHEN active.id IS NOT NULL THEN format('skipped: run %s is already %s', active.id, active.status)
                WHEN p_mode <> 'all' AND raw.date IS NULL THEN 'skipped: no raw data in the bucket'
                WHEN p_mode = 'missing' AND pub.date IS NOT NULL THEN 'skipped: already published'
                WHEN p_mode = 'failed' AND pub.date IS NOT NULL AND latest.status IS DISTINCT FROM 'failed'
                    THEN format('skipped: already published and its latest run %s', coalesce(latest.status, 'is unknown'))
                WHEN p_mode = 'failed' AND pub.date IS NOT NULL THEN 'would queue: its latest run failed'
                WHEN pub.date IS NOT NULL THEN 'would queue: published, reprocessed as mode all asks'
                WHEN latest.status IS NOT NULL THEN format('would queue: never published (latest run %s)', latest.status)
                ELSE 'would queue: never published' END,
           active.id,
           latest.status,
           pub.date IS NOT NULL
    FROM generate_series(p_from, p_to, interval '1 day') AS g(day)
    CROSS JOIN LATERAL (SELECT g.day::date AS date) AS d
    LEFT JOIN raw_inventory AS raw ON raw.date = d.date
    LEFT JOIN published_dates AS pub ON pub.date = d.date
    LEFT JOIN LATERAL (SELECT r.id, r.status FROM pipeline_runs AS r
                       WHERE r.logical_date = d.date AND r.status IN ('queued', 'running') LIMIT 1) AS active ON true
    LEFT JOIN LATERAL (SELECT r.status FROM pipeline_runs AS r
                       WHERE r.logical_date = d.date ORDER BY r.id DESC LIMIT 1) AS latest ON true
    ORDER BY d.date;
$$;

-- Runs a backfill plan: queues the dates it says to queue (in date order, in the caller's
-- transaction) and returns every date with its decision and the run that stands for it.
CREATE FUNCTION backfill_runs(
    p_from date, p_to date, p_mode text, p_trigger text, p_max_attempts integer, p_source text, p_parameters jsonb)
RETURNS TABLE (date date, decision text, reason text, run_id bigint, created boolean, latest_run_status text, published boolean)
LANGUAGE plpgsql
AS $$
DECLARE
    p record;
    q record;
BEGIN
    FOR p IN SELECT * FROM plan_backfill(p_from, p_to, p_mode) LOOP
        IF p.decision = 'queue' THEN
            SELECT * INTO q FROM enqueue_run(p.date, p_trigger, p_max_attempts, p_source, p_parameters);
            RETURN QUERY SELECT p.date, CASE WHEN q.created THEN 'queue' ELSE 'skip_active' END,
                CASE WHEN q.created THEN replace(p.reason, 'would queue', 'queued') ELSE format('skipped: run %s is already active', q.run_id) END,
                q.run_id, q.created, p.latest_run_status, p.published;
        ELSE
            RETURN QUERY SELECT p.date, p.decision, p.reason, p.run_id, false, p.latest_run_status, p.published;
        END IF;
    END LOOP;
END;
$$;
