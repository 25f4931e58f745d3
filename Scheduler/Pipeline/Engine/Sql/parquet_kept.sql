-- The kept Parquet rows of active advertisers, summed like the CSV digest's parts.
SELECT date, advertiser_id, product_id,
    coalesce(sum(n) FILTER (WHERE type IS DISTINCT FROM 'click'), 0) AS first,
    coalesce(sum(n) FILTER (WHERE type = 'click'), 0) AS second
FROM parquet_{{dataset}}
WHERE reason IS NULL AND advertiser_id IN (SELECT advertiser_id FROM active)
GROUP BY date, advertiser_id, product_id
