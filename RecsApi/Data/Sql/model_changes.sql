-- Per model and advertiser active on both date $1 and the previous published date: products that
-- entered the list, left it, and stayed (model 0 = top_ctr, 1 = top_product).
WITH previous AS (
    SELECT max(date) AS date FROM published_dates WHERE date < $1
),
both_days AS (
    SELECT a.advertiser_id
    FROM daily_advertisers a
    JOIN daily_advertisers b ON b.advertiser_id = a.advertiser_id AND b.date = (SELECT date FROM previous)
    WHERE a.date = $1
),
today AS (
    SELECT 0 AS model, advertiser_id, product_id FROM top_ctr WHERE date = $1
    UNION ALL
    SELECT 1, advertiser_id, product_id FROM top_product WHERE date = $1
),
before AS (
    SELECT 0 AS model, advertiser_id, product_id FROM top_ctr WHERE date = (SELECT date FROM previous)
    UNION ALL
    SELECT 1, advertiser_id, product_id FROM top_product WHERE date = (SELECT date FROM previous)
),
compared AS (
    SELECT coalesce(t.model, b.model)                 AS model,
           coalesce(t.advertiser_id, b.advertiser_id) AS advertiser_id,
           t.product_id IS NOT NULL                   AS in_today,
           b.product_id IS NOT NULL                   AS in_before
    FROM today t
    FULL JOIN before b ON b.model = t.model AND b.advertiser_id = t.advertiser_id AND b.product_id = t.product_id
)
SELECT c.model,
       c.advertiser_id,
       (SELECT date FROM previous)                                 AS previous_date,
       count(*) FILTER (WHERE c.in_today AND NOT c.in_before)::int AS entered,
       count(*) FILTER (WHERE c.in_before AND NOT c.in_today)::int AS left_list,
       count(*) FILTER (WHERE c.in_today AND c.in_before)::int     AS shared
FROM compared c
JOIN both_days USING (advertiser_id)
GROUP BY c.model, c.advertiser_id;
