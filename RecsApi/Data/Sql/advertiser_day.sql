-- One advertiser ($2) on one date ($1): whether the date is published, whether the advertiser was
-- active on it or on any retained date, then both models' lists (model 0 = top_ctr, 1 = top_product).
SELECT EXISTS (SELECT 1 FROM published_dates WHERE date = $1)                              AS date_published,
       EXISTS (SELECT 1 FROM daily_advertisers WHERE date = $1 AND advertiser_id = $2)     AS active_on_date,
       EXISTS (SELECT 1 FROM daily_advertisers WHERE advertiser_id = $2)                   AS known;

SELECT 0 AS model, rank, product_id, ctr AS score, clicks, impressions, NULL::bigint AS views
FROM top_ctr
WHERE date = $1 AND advertiser_id = $2
UNION ALL
SELECT 1, rank, product_id, views::double precision, NULL::bigint, NULL::bigint, views
FROM top_product
WHERE date = $1 AND advertiser_id = $2
ORDER BY model, rank;
