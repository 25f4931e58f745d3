-- The well-formed rows of active advertisers, in input order (so the same input gives the same file).
COPY (
    SELECT advertiser_id, product_id, {{type_column}} date
    FROM scanned_{{dataset}}
    WHERE reason IS NULL AND advertiser_id IN (SELECT advertiser_id FROM active)
) TO {{output}} (FORMAT parquet, COMPRESSION zstd);
