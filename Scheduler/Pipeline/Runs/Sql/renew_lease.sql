-- The worker is alive: extend its lease. No row means the run was taken from it.
UPDATE pipeline_runs
SET heartbeat_at = now(), lease_expires_at = now() + $3 * interval '1 millisecond'
WHERE id = $1 AND worker = $2 AND status = 'running';
