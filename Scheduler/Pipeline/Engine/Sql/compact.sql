-- The kept events of one dataset, one row per date, advertiser and product, from every source
-- (the CSV digest's parts, the kept Parquet rows; each has every key once): columns date,
-- advertiser_id, product_id, then impressions and clicks or views. One source is taken as it
-- is; several are summed.
CREATE OR REPLACE TEMP TABLE compact_{{dataset}} AS
SELECT date, advertiser_id, product_id, {{sums}}
FROM ({{sources}})
{{group_by}};
