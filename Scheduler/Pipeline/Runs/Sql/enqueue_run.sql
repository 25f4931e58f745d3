SELECT run_id, created FROM enqueue_run($1, $2, $3);
