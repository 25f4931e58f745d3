-- Every retained published date, newest first, with its row version (xmin changes whenever the row is written).
SELECT date, xmin::text::bigint AS version FROM published_dates ORDER BY date DESC;
