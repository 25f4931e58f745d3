-- The settings the Scheduler recorded at its last start (no row before it first started).
SELECT retention_days, max_attempts, max_bad_row_share, min_row_share, schedule, time_zone, catch_up, recorded_at, recorded_by
FROM pipeline_settings;
