-- Drops dates that fell out of the retention window ($1 is the last date to drop).
WITH ctr AS (DELETE FROM top_ctr WHERE date <= $1),
     product AS (DELETE FROM top_product WHERE date <= $1),
     advertisers AS (DELETE FROM daily_advertisers WHERE date <= $1)
DELETE FROM published_dates WHERE date <= $1;
