-- Queues a run for date $1 with trigger $2, max attempts $3, source $4 and parameters $5 through the one
-- function every producer uses.
SELECT run_id, created FROM enqueue_run($1::date, $2, $3, $4, $5::jsonb);
