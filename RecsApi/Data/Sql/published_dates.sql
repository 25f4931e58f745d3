-- Every retained published date, newest first.
SELECT date FROM published_dates ORDER BY date DESC;
