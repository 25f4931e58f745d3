-- What the operations features record (schema only; the functions that fill it come later):
-- who queued a run and with which parameters, an operator's cancel request, each running step's
-- progress, and the pipeline settings the Scheduler runs with (their one owner; RecsApi reads them).
ALTER TABLE pipeline_runs
    ADD COLUMN source              text  NOT NULL DEFAULT 'schedule',
    ADD COLUMN parameters          jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN cancel_requested_at timestamptz;

CREATE INDEX pipeline_runs_by_status ON pipeline_runs (status, id DESC);
CREATE INDEX pipeline_runs_by_trigger ON pipeline_runs (trigger, id DESC);

ALTER TABLE pipeline_run_steps
    ADD COLUMN progress_unit       text CHECK (progress_unit IN ('bytes', 'rows')),
    ADD COLUMN progress_done       bigint,
    ADD COLUMN progress_total      bigint,
    ADD COLUMN progress_updated_at timestamptz;

-- One row: the effective settings of the Scheduler that started last.
CREATE TABLE pipeline_settings (
    id              boolean     PRIMARY KEY DEFAULT true CHECK (id),
    retention_days  integer     NOT NULL CHECK (retention_days > 0),
    max_attempts    integer     NOT NULL CHECK (max_attempts > 0),
    max_bad_row_share double precision NOT NULL,
    min_row_share   double precision NOT NULL,
    schedule        text        NOT NULL,
    time_zone       text        NOT NULL,
    catch_up        text        NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    recorded_by     text        NOT NULL
);
