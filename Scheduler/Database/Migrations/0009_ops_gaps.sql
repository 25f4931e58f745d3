-- Two gaps of the operator actions: a backfill plan over raw data in the single-file layout, and a
-- cancel that reaches a run inside Publish's transaction, which the ledger now records.

-- What the raw inventory knows beyond the daily partitions: when every dataset has a single file
-- (raw/<dataset>.csv and friends), a run of any date reads it, so no date can be ruled out without
-- reading the files. Datasets with a single file but no partition for a date never rule it out.
CREATE TABLE raw_inventory_layout (
    id                   boolean     PRIMARY KEY DEFAULT true CHECK (id),
    single_file_datasets text[]      NOT NULL,
    any_date             boolean     NOT NULL,
    refreshed_at         timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- Set when an operator's cancel reached the run inside Publish's transaction: the run finished.
ALTER TABLE pipeline_runs ADD COLUMN cancel_too_late boolean NOT NULL DEFAULT false;

-- As in 0008, but a cancel reaching a run inside Publish's transaction is recorded: cancel_requested_at
-- and cancel_too_late are set, and the run finishes. The update waits for Publish's commit when Publish
-- has already marked the run (the last statements of its transaction); it gives up after lock_timeout.
-- Should Publish then fail and roll back, the worker ends the run cancelled, as the operator asked.
CREATE OR REPLACE FUNCTION cancel_run(p_run_id bigint)
RETURNS TABLE (run_id bigint, status text, outcome text)
LANGUAGE plpgsql
SET lock_timeout = '5s'
AS $$
DECLARE
    v_status text;
BEGIN
    SELECT r.status INTO v_status FROM pipeline_runs AS r WHERE r.id = p_run_id;
    IF v_status IS NULL THEN
        RETURN;
    END IF;

    IF v_status = 'running' AND NOT pg_try_advisory_xact_lock(1382240878, (p_run_id & 2147483647)::integer) THEN
        BEGIN
            UPDATE pipeline_runs AS r
            SET cancel_requested_at = coalesce(r.cancel_requested_at, clock_timestamp()), cancel_too_late = true
            WHERE r.id = p_run_id
            RETURNING r.status INTO v_status;
        EXCEPTION
            WHEN lock_not_available THEN
                v_status := 'running';
        END;
        RETURN QUERY SELECT p_run_id, v_status, 'publishing'::text;
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

-- As in 0008, but raw data is present for a date the inventory lists or, when raw_inventory_layout
-- says any date may have data (single files for every dataset), for every date.
CREATE OR REPLACE FUNCTION plan_backfill(p_from date, p_to date, p_mode text)
RETURNS TABLE (date date, decision text, reason text, run_id bigint, latest_run_status text, published boolean)
LANGUAGE sql STABLE
AS $$
    SELECT d.date,
           CASE WHEN active.id IS NOT NULL THEN 'skip_active'
                WHEN p_mode <> 'all' AND NOT raw.present THEN 'skip_no_raw_data'
                WHEN p_mode = 'missing' AND pub.date IS NOT NULL THEN 'skip_published'
                WHEN p_mode = 'failed' AND pub.date IS NOT NULL AND latest.status IS DISTINCT FROM 'failed' THEN 'skip_published'
                ELSE 'queue' END,
           CASE WHEN active.id IS NOT NULL THEN format('skipped: run %s is already %s', active.id, active.status)
                WHEN p_mode <> 'all' AND NOT raw.present THEN 'skipped: no raw data in the bucket'
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
    CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM raw_inventory AS i WHERE i.date = d.date)
                            OR EXISTS (SELECT 1 FROM raw_inventory_layout AS l WHERE l.any_date) AS present) AS raw
    LEFT JOIN published_dates AS pub ON pub.date = d.date
    LEFT JOIN LATERAL (SELECT r.id, r.status FROM pipeline_runs AS r
                       WHERE r.logical_date = d.date AND r.status IN ('queued', 'running') LIMIT 1) AS active ON true
    LEFT JOIN LATERAL (SELECT r.status FROM pipeline_runs AS r
                       WHERE r.logical_date = d.date ORDER BY r.id DESC LIMIT 1) AS latest ON true
    ORDER BY d.date;
$$;
