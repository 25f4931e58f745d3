-- Removes a date from every published table before its new rows go in.
WITH ctr AS (DELETE FROM top_ctr WHERE date = $1),
     product AS (DELETE FROM top_product WHERE date = $1),
     advertisers AS (DELETE FROM daily_advertisers WHERE date = $1)
DELETE FROM published_dates WHERE date = $1;
