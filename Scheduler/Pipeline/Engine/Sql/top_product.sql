-- The 20 most viewed products per advertiser and date, from filtered events (one row per date,
-- advertiser and product); ties go to product_id in byte order. Only products with at least the
-- 20th highest view count of their advertiser and date can rank, so only those are sorted.
COPY (
    WITH input AS (
        SELECT date, advertiser_id, product_id, views FROM ({{input}})
    ), thresholds AS (
        SELECT date, advertiser_id, list_min(max(views, 20)) AS least_views
        FROM input
        GROUP BY date, advertiser_id
    )
    SELECT date, advertiser_id, CAST(rank AS SMALLINT) AS rank, product_id, views
    FROM (
        SELECT input.*,
            row_number() OVER (PARTITION BY date, advertiser_id ORDER BY views DESC, product_id) AS rank
        FROM input
        JOIN thresholds USING (date, advertiser_id)
        WHERE views >= least_views
    )
    WHERE rank <= 20
    ORDER BY date, advertiser_id, rank
) TO {{output}} (FORMAT parquet, COMPRESSION zstd);
