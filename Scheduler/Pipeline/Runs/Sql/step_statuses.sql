SELECT step, status FROM pipeline_run_steps WHERE run_id = $1;
