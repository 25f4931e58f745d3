-- The operator's override of the volume guard, kept in the run's parameters.
UPDATE pipeline_runs SET parameters = parameters || '{"accept_volume": true}'::jsonb WHERE id = $1;
