SELECT run_id, resumed FROM resume_run($1);
