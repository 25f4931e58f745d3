SELECT id FROM pipeline_runs ORDER BY id DESC LIMIT $1;
