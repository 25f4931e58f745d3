-- Adds a step's findings to the run's data-quality record (top-level keys replace older ones).
UPDATE pipeline_runs SET data_quality = data_quality || $2::jsonb WHERE id = $1;
