-- A dry run of a backfill: what would happen to each date; nothing is queued.
SELECT date, decision, reason, run_id, false AS created, latest_run_status, published
FROM plan_backfill($1::date, $2::date, $3);
