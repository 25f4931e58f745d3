-- Every retained published date, newest first, with when it was published.
SELECT date, published_at FROM published_dates ORDER BY date DESC;
