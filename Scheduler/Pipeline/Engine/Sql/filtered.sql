-- The filtered dataset as the model steps read it: kept events summed per date, advertiser and
-- product (a row per product, not per event), in a fixed order so the same input gives the same file.
COPY (SELECT * FROM compact_{{dataset}} ORDER BY date, advertiser_id, product_id)
TO {{output}} (FORMAT parquet, COMPRESSION zstd);
