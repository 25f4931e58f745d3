-- Per advertiser with recommendations on date $1: the length of each model's list and the products both share.
SELECT advertiser_id,
       count(*) FILTER (WHERE in_ctr)::int                AS top_ctr_products,
       count(*) FILTER (WHERE in_product)::int            AS top_product_products,
       count(*) FILTER (WHERE in_ctr AND in_product)::int AS shared_products
FROM (
    SELECT coalesce(c.advertiser_id, p.advertiser_id) AS advertiser_id,
           c.product_id IS NOT NULL                   AS in_ctr,
           p.product_id IS NOT NULL                   AS in_product
    FROM (SELECT advertiser_id, product_id FROM top_ctr WHERE date = $1) AS c
    FULL JOIN (SELECT advertiser_id, product_id FROM top_product WHERE date = $1) AS p
        ON p.advertiser_id = c.advertiser_id AND p.product_id = c.product_id
) AS products
GROUP BY advertiser_id
ORDER BY advertiser_id;
