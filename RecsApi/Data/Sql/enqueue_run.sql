-- Queues a run for date $1 with trigger $2 through the one function every producer uses.
SELECT run_id, created FROM enqueue_run($1::date, $2);
