SELECT r.resumed, p.status FROM resume_run($1) AS r LEFT JOIN pipeline_runs AS p ON p.id = r.run_id;
