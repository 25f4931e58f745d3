-- Malformed rows of one dataset per reason: the count, and up to 10 samples in a stable order.
WITH bad AS (
    SELECT reason, filename AS source, NULL::UBIGINT AS line, text
    FROM scanned_{{dataset}}
    WHERE reason IS NOT NULL
    {{rejected}}
), numbered AS (
    SELECT *,
        count(*) OVER (PARTITION BY reason) AS total,
        row_number() OVER (PARTITION BY reason ORDER BY source, line NULLS LAST, text) AS n
    FROM bad
)
SELECT reason, total, source, line, left(text, 200) AS text
FROM numbered
WHERE n <= 10
ORDER BY reason, n;
