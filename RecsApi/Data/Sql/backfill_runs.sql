-- A backfill through the plan the Scheduler's CLI uses too: queues the dates it selects, returns every date.
SELECT date, decision, reason, run_id, created, latest_run_status, published
FROM backfill_runs($1::date, $2::date, $3, $4, $5, $6, $7::jsonb);
