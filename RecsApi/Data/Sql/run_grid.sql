-- The grid of the $2 logical dates ending $1, newest first: whether each is published, how many runs
-- it had, and its latest run (if any) with one row per step in pipeline order.
WITH dates AS (
    SELECT ($1::date - offset_days) AS date FROM generate_series(0, $2::int - 1) AS offset_days
),
runs AS (
    SELECT logical_date, count(*)::int AS runs, max(id) AS latest_id
    FROM pipeline_runs
    WHERE logical_date BETWEEN $1::date - ($2::int - 1) AND $1::date
    GROUP BY logical_date
)
SELECT d.date,
       EXISTS (SELECT 1 FROM published_dates p WHERE p.date = d.date) AS published,
       coalesce(n.runs, 0) AS runs,
       r.id AS run_id, r.status, r.trigger, r.queued_at, r.started_at, r.finished_at,
       extract(epoch FROM coalesce(r.finished_at, CASE WHEN r.status = 'running' THEN now() END) - r.started_at)::double precision AS duration_seconds,
       s.step, s.status AS step_status,
       extract(epoch FROM coalesce(s.finished_at, CASE WHEN s.status = 'running' THEN now() END) - s.started_at)::double precision AS step_duration_seconds
FROM dates d
LEFT JOIN runs n ON n.logical_date = d.date
LEFT JOIN pipeline_runs r ON r.id = n.latest_id
LEFT JOIN pipeline_run_steps s ON s.run_id = r.id
ORDER BY d.date DESC, array_position(ARRAY['filter', 'top_ctr', 'top_product', 'publish'], s.step), s.step;
