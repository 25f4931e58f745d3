-- Times come from clock_timestamp(): inside the publish transaction now() is its start, not this moment.
INSERT INTO published_dates (date, published_at, run_id, active_advertisers)
VALUES ($1, clock_timestamp(), $2, (SELECT count(*) FROM daily_advertisers WHERE date = $1));
