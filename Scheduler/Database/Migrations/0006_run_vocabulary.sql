-- The full run and step vocabulary (Contracts: RunStatuses, StepStatuses): a run can be cancelled by
-- an operator or held by the volume guard; a resumed run's step can reuse an earlier attempt's output,
-- and the step that was running when its run was cancelled is marked cancelled.
ALTER TABLE pipeline_runs DROP CONSTRAINT pipeline_runs_status_check;
ALTER TABLE pipeline_runs ADD CONSTRAINT pipeline_runs_status_check
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'held'));

ALTER TABLE pipeline_run_steps DROP CONSTRAINT pipeline_run_steps_status_check;
ALTER TABLE pipeline_run_steps ADD CONSTRAINT pipeline_run_steps_status_check
    CHECK (status IN ('pending', 'running', 'succeeded', 'reused', 'failed', 'skipped', 'cancelled'));
