-- The 20 most viewed products per advertiser and date; ties go to product_id in byte order.
COPY (
    SELECT date, advertiser_id, CAST(rank AS SMALLINT) AS rank, product_id, views
    FROM (
        SELECT *,
            row_number() OVER (PARTITION BY date, advertiser_id ORDER BY views DESC, product_id) AS rank
        FROM (
            SELECT date, advertiser_id, product_id, count(*) AS views
            FROM ({{input}})
            GROUP BY date, advertiser_id, product_id
        )
    )
    WHERE rank <= 20
    ORDER BY date, advertiser_id, rank
) TO {{output}} (FORMAT parquet, COMPRESSION zstd);
