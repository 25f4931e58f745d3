-- One dataset's Parquet files, classified by the same rules as CSV rows (CsvRowRules): rows are
-- first grouped by their raw values, so each distinct value is checked once, not each row.
-- Rows with a valid date outside [first_date, last_date] are another run's business and dropped.
CREATE OR REPLACE MACRO unquoted(s) AS
    CASE WHEN length(s) >= 2 AND starts_with(s, '"') AND ends_with(s, '"') THEN s[2:-2] ELSE s END;

CREATE OR REPLACE TEMP TABLE parquet_{{dataset}} AS
WITH grouped AS (
    SELECT advertiser_id, product_id, type, date_text, filename, count(*) AS n
    FROM (
        SELECT
            CAST(advertiser_id AS VARCHAR) AS advertiser_id,
            CAST(product_id AS VARCHAR) AS product_id,
            {{type}} AS type,
            CAST(date AS VARCHAR) AS date_text,
            filename
        FROM read_parquet({{files}}, filename = true, union_by_name = true)
    )
    GROUP BY ALL
), fields AS (
    SELECT *,
        unquoted(advertiser_id) AS a, unquoted(product_id) AS p, unquoted(type) AS t, unquoted(date_text) AS d
    FROM grouped
), dated AS (
    SELECT *,
        CASE WHEN regexp_full_match(d, '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN TRY_CAST(d AS DATE) END AS date
    FROM fields
)
SELECT
    date, a AS advertiser_id, p AS product_id, t AS type, n, filename,
    concat_ws(',', advertiser_id, product_id, type, date_text) AS text,
    CASE
        WHEN contains(a, '"') OR contains(p, '"') OR contains(t, '"') OR contains(d, '"') THEN 'stray_quote'
        WHEN a IS NULL OR a = '' OR p IS NULL OR p = '' THEN 'empty_id'
        WHEN length(a) > {{max_field_length}} OR length(p) > {{max_field_length}} THEN 'overlong_field'
        WHEN {{has_type}} AND (t IS NULL OR t NOT IN ('impression', 'click')) THEN 'unknown_type'
        WHEN date IS NULL THEN 'unparseable_date'
    END AS reason
FROM dated
WHERE date IS NULL OR date BETWEEN {{first_date}} AND {{last_date}};
