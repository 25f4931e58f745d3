-- The pipeline's run ledger, which is also its durable queue: workers take queued runs with
-- FOR UPDATE SKIP LOCKED and hold a lease they renew while they work.
CREATE TABLE pipeline_runs (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    logical_date     date        NOT NULL,
    trigger          text        NOT NULL CHECK (trigger IN ('schedule', 'manual', 'backfill', 'catch-up')),
    status           text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    attempt          integer     NOT NULL DEFAULT 0,
    max_attempts     integer     NOT NULL DEFAULT 3,
    queued_at        timestamptz NOT NULL DEFAULT now(),
    not_before       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    heartbeat_at     timestamptz,
    lease_expires_at timestamptz,
    worker           text,
    error            text,
    -- Malformed-row counts per reason with up to 10 sample lines each, and other findings.
    data_quality     jsonb       NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX pipeline_runs_queue ON pipeline_runs (not_before, id) WHERE status = 'queued';
CREATE INDEX pipeline_runs_by_date ON pipeline_runs (logical_date, id DESC);
-- At most one run per date is waiting or working at any time.
CREATE UNIQUE INDEX pipeline_runs_one_active_per_date ON pipeline_runs (logical_date) WHERE status IN ('queued', 'running');

CREATE TABLE pipeline_run_steps (
    run_id      bigint      NOT NULL REFERENCES pipeline_runs (id) ON DELETE CASCADE,
    step        text        NOT NULL CHECK (step IN ('filter', 'top_ctr', 'top_product', 'publish')),
    status      text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'skipped')),
    started_at  timestamptz,
    finished_at timestamptz,
    rows_in     bigint,
    rows_out    bigint,
    output_key  text,
    error       text,
    PRIMARY KEY (run_id, step)
);
