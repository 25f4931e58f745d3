-- Keeps the compact copy ($4, format $3) of date $1 made from its row version $2, unless the date was written
-- meanwhile; replaces a stale copy, or one an older RecsApi wrote in an older format.
INSERT INTO snapshot_days (date, version, format, body)
SELECT $1, $2, $3, $4
WHERE EXISTS (SELECT 1 FROM published_dates WHERE date = $1 AND xmin::text::bigint = $2)
ON CONFLICT (date) DO UPDATE
SET version = excluded.version, format = excluded.format, body = excluded.body
WHERE snapshot_days.version <> excluded.version OR snapshot_days.format < excluded.format;
