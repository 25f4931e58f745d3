SELECT run_id, created FROM enqueue_run($1, $2, $3, $4, $5::jsonb);
