-- The stored compact copies of the dates $1 in format $2 that belong to those dates' current publication.
SELECT s.date, s.published_at, s.body
FROM snapshot_days s
JOIN published_dates p ON p.date = s.date AND p.published_at = s.published_at
WHERE s.date = ANY ($1) AND s.format = $2;
