-- The stored compact copies of the dates $1 in format $2 that were made from those dates' current row versions.
SELECT s.date, s.version, s.body
FROM snapshot_days s
JOIN published_dates p ON p.date = s.date AND p.xmin::text::bigint = s.version
WHERE s.date = ANY ($1) AND s.format = $2;
