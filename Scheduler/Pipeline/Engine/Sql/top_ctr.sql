-- Clicks and impressions per product, then the 20 best click-through rates per advertiser and date.
-- Products with clicks but no impressions have no rate: they are left out here and reported.
-- Ties: higher ctr, then more clicks, then product_id in byte order (DuckDB compares text by bytes).
CREATE OR REPLACE TEMP TABLE ctr_counts AS
SELECT date, advertiser_id, product_id,
    count(*) FILTER (WHERE type = 'click') AS clicks,
    count(*) FILTER (WHERE type = 'impression') AS impressions
FROM ({{input}})
GROUP BY date, advertiser_id, product_id;

COPY (
    SELECT date, advertiser_id, CAST(rank AS SMALLINT) AS rank, product_id, clicks, impressions, ctr
    FROM (
        SELECT *,
            row_number() OVER (PARTITION BY date, advertiser_id ORDER BY ctr DESC, clicks DESC, product_id) AS rank
        FROM (SELECT *, clicks / CAST(impressions AS DOUBLE) AS ctr FROM ctr_counts WHERE impressions > 0)
    )
    WHERE rank <= 20
    ORDER BY date, advertiser_id, rank
) TO {{output}} (FORMAT parquet, COMPRESSION zstd);
