-- Products clicked without any impression: a data-quality finding, with up to 10 examples.
SELECT count(*) OVER () AS total, date, advertiser_id, product_id, clicks
FROM ctr_counts
WHERE impressions = 0 AND clicks > 0
ORDER BY date, advertiser_id, product_id
LIMIT 10;
