-- One advertiser ($1) over the $2 newest published dates, newest first. Model 2 rows mark the dates
-- it was active on (so an active date without recommendations still shows); 0 = top_ctr, 1 = top_product.
WITH dates AS (
    SELECT date FROM published_dates ORDER BY date DESC LIMIT $2
)
SELECT 2 AS model, a.date, 0::smallint AS rank, NULL::text AS product_id, 0::double precision AS score,
       NULL::bigint AS clicks, NULL::bigint AS impressions, NULL::bigint AS views
FROM daily_advertisers a JOIN dates USING (date)
WHERE a.advertiser_id = $1
UNION ALL
SELECT 0, t.date, t.rank, t.product_id, t.ctr, t.clicks, t.impressions, NULL::bigint
FROM top_ctr t JOIN dates USING (date)
WHERE t.advertiser_id = $1
UNION ALL
SELECT 1, t.date, t.rank, t.product_id, t.views::double precision, NULL::bigint, NULL::bigint, t.views
FROM top_product t JOIN dates USING (date)
WHERE t.advertiser_id = $1
ORDER BY date DESC, model DESC, rank;
