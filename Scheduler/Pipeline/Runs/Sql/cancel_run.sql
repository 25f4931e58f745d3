SELECT run_id, status, outcome FROM cancel_run($1);
