-- The well-formed rows of active advertisers, in input order.
SELECT advertiser_id, product_id, {{type_column}} date
FROM scanned_{{dataset}}
WHERE reason IS NULL AND advertiser_id IS NOT NULL
