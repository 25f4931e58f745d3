-- The 20 best click-through rates per advertiser and date, from filtered events (one row per
-- date, advertiser and product). Products with clicks but no impressions have no rate: they are
-- left out here and reported. Ties: higher ctr, then more clicks, then product_id in byte order
-- (DuckDB compares text by bytes).
CREATE OR REPLACE TEMP VIEW ctr_counts AS
SELECT date, advertiser_id, product_id, clicks, impressions FROM ({{input}});

-- Only candidates are sorted: clicked products with at least the 20th best rate among the clicked
-- ones, and of the unclicked ones (rate 0, ranked after every clicked one) the 20 first ids.
COPY (
    WITH rated AS (
        SELECT *, clicks / CAST(impressions AS DOUBLE) AS ctr FROM ctr_counts WHERE impressions > 0
    ), bounds AS (
        SELECT date, advertiser_id,
            list_min(max(ctr, 20) FILTER (WHERE clicks > 0)) AS least_clicked_ctr,
            list_max(min(product_id, 20) FILTER (WHERE clicks = 0)) AS last_unclicked_id
        FROM rated
        GROUP BY date, advertiser_id
    )
    SELECT date, advertiser_id, CAST(rank AS SMALLINT) AS rank, product_id, clicks, impressions, ctr
    FROM (
        SELECT rated.*,
            row_number() OVER (PARTITION BY date, advertiser_id ORDER BY ctr DESC, clicks DESC, product_id) AS rank
        FROM rated
        JOIN bounds USING (date, advertiser_id)
        WHERE (clicks > 0 AND ctr >= least_clicked_ctr) OR (clicks = 0 AND product_id <= last_unclicked_id)
    )
    WHERE rank <= 20
    ORDER BY date, advertiser_id, rank
) TO {{output}} (FORMAT parquet, COMPRESSION zstd);
