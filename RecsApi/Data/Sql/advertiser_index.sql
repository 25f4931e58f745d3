-- Every advertiser active on a retained date: its latest such date, on how many dates it was active,
-- and on that latest date the length of each model's list and its event totals.
WITH latest AS (
    SELECT advertiser_id, max(date) AS date, count(*)::int AS dates_active
    FROM daily_advertisers
    GROUP BY advertiser_id
)
SELECT l.advertiser_id,
       l.date,
       l.dates_active,
       (SELECT count(*) FROM top_ctr c WHERE c.date = l.date AND c.advertiser_id = l.advertiser_id)::int     AS top_ctr_products,
       (SELECT count(*) FROM top_product p WHERE p.date = l.date AND p.advertiser_id = l.advertiser_id)::int AS top_product_products,
       d.impressions,
       d.clicks,
       d.views
FROM latest l
JOIN daily_advertisers d ON d.date = l.date AND d.advertiser_id = l.advertiser_id
ORDER BY l.advertiser_id;
