-- Gives every row a reason when it is malformed, and keeps the rows that concern the run:
-- rows dated within [first_date, last_date], and malformed rows unless their date is a valid
-- one outside that range (rows of other dates are another run's business).
-- To keep memory small, a well-formed row of an inactive advertiser keeps no text (it is only
-- counted), and only malformed rows keep their file and original text (for samples).
CREATE OR REPLACE MACRO unquoted(s) AS
    CASE WHEN contains(s, '"') AND length(s) >= 2 AND starts_with(s, '"') AND ends_with(s, '"') THEN s[2:-2] ELSE s END;

CREATE OR REPLACE TEMP TABLE scanned_{{dataset}} AS
WITH fields AS (
    SELECT
        unquoted(advertiser_id) AS advertiser_id,
        unquoted(product_id) AS product_id,
        unquoted(type) AS type,
        unquoted(date) AS date_text,
        filename
    FROM ({{source}})
), dated AS (
    -- DuckDB's own date parser is far cheaper than strptime; the length check below keeps it to YYYY-MM-DD.
    SELECT *, TRY_CAST(date_text AS DATE) AS date
    FROM fields
), classified AS (
    SELECT *,
        CASE
            WHEN contains(advertiser_id, '"') OR contains(product_id, '"') OR contains(type, '"') OR contains(date_text, '"')
                THEN 'stray_quote'
            WHEN advertiser_id IS NULL OR advertiser_id = '' OR product_id IS NULL OR product_id = ''
                THEN 'empty_id'
            WHEN length(advertiser_id) > {{max_field_length}} OR length(product_id) > {{max_field_length}}
                THEN 'overlong_field'
            WHEN {{has_type}} AND (type IS NULL OR type NOT IN ('impression', 'click'))
                THEN 'unknown_type'
            WHEN date IS NULL OR strlen(date_text) <> 10
                THEN 'unparseable_date'
        END AS reason
    FROM dated
    WHERE date IS NULL OR date BETWEEN {{first_date}} AND {{last_date}}
), kept AS (
    SELECT *, reason IS NULL AND advertiser_id IN (SELECT advertiser_id FROM active) AS keep
    FROM classified
)
SELECT
    CASE WHEN keep THEN advertiser_id END AS advertiser_id,
    CASE WHEN keep THEN product_id END AS product_id,
    CASE WHEN keep THEN type END AS type,
    date,
    reason,
    CASE WHEN reason IS NOT NULL THEN filename END AS filename,
    CASE WHEN reason IS NOT NULL THEN concat_ws(',', advertiser_id, product_id, type, date_text) END AS text
FROM kept;
