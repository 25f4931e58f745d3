-- Rows read from one dataset's Parquet files, and the kept events of active advertisers.
SELECT
    CAST(coalesce(sum(n), 0) AS BIGINT) AS rows_read,
    CAST(coalesce(sum(n) FILTER (WHERE reason IS NULL AND advertiser_id IN (SELECT advertiser_id FROM active)), 0) AS BIGINT) AS rows_kept
FROM parquet_{{dataset}};
