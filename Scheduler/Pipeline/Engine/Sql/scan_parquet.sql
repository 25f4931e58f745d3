-- One dataset's Parquet files with the same text columns as CSV gives, so both are classified alike.
-- A DATE column turns into 'YYYY-MM-DD'; a text column is checked like CSV text.
CREATE OR REPLACE TEMP VIEW {{view}} AS
SELECT
    CAST(advertiser_id AS VARCHAR) AS advertiser_id,
    CAST(product_id AS VARCHAR) AS product_id,
    {{type}} AS type,
    CAST(date AS VARCHAR) AS date,
    filename
FROM read_parquet({{files}}, filename = true, union_by_name = true);
