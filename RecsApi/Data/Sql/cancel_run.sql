SELECT status, outcome FROM cancel_run($1);
