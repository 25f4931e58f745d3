-- Both models of every advertiser on date $1 (model 0 = top_ctr, 1 = top_product), ranked, with each product's evidence (clicks and impressions, or views).
SELECT 0 AS model, advertiser_id, rank, product_id, ctr AS score, clicks, impressions, NULL::bigint AS views
FROM top_ctr
WHERE date = $1
UNION ALL
SELECT 1, advertiser_id, rank, product_id, views::double precision, NULL::bigint, NULL::bigint, views
FROM top_product
WHERE date = $1
ORDER BY advertiser_id, model, rank;
