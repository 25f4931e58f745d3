-- Keeps the compact copy ($4, format $3) of date $1 as published at $2, unless that publication is gone
-- meanwhile; replaces a copy an older RecsApi wrote in an older format.
INSERT INTO snapshot_days (date, published_at, format, body)
SELECT $1, $2, $3, $4
WHERE EXISTS (SELECT 1 FROM published_dates WHERE date = $1 AND published_at = $2)
ON CONFLICT (date) DO UPDATE
SET published_at = excluded.published_at, format = excluded.format, body = excluded.body
WHERE snapshot_days.format < excluded.format;
