INSERT INTO published_dates (date, published_at, run_id, active_advertisers)
VALUES ($1, now(), $2, (SELECT count(*) FROM daily_advertisers WHERE date = $1));
