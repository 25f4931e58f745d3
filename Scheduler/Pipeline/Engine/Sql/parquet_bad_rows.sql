-- Malformed Parquet rows per reason: the count, and up to 10 samples in a stable order.
WITH numbered AS (
    SELECT reason, filename, text,
        sum(n) OVER (PARTITION BY reason) AS total,
        row_number() OVER (PARTITION BY reason ORDER BY filename, text) AS k
    FROM parquet_{{dataset}}
    WHERE reason IS NOT NULL
)
SELECT reason, CAST(total AS BIGINT) AS total, filename, left(text, 200) AS text
FROM numbered
WHERE k <= 10
ORDER BY reason, k;
