-- A dry run of a backfill: what would happen to each date, nothing queued.
SELECT date, decision, reason, run_id, false, latest_run_status, published
FROM plan_backfill($1, $2, $3);
