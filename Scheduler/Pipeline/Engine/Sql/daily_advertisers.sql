-- One row per active advertiser and date, zeros when it had no events: what the dashboard counts.
COPY (
    WITH dates AS (
        SELECT CAST(unnest(range({{first_date}}, {{last_date}} + INTERVAL 1 DAY, INTERVAL 1 DAY)) AS DATE) AS date
    ), ads AS (
        SELECT date, advertiser_id, sum(impressions) AS impressions, sum(clicks) AS clicks
        FROM compact_ads_views GROUP BY ALL
    ), views AS (
        SELECT date, advertiser_id, sum(views) AS views
        FROM compact_product_views GROUP BY ALL
    )
    SELECT d.date, a.advertiser_id,
        CAST(coalesce(ads.impressions, 0) AS BIGINT) AS impressions,
        CAST(coalesce(ads.clicks, 0) AS BIGINT) AS clicks,
        CAST(coalesce(views.views, 0) AS BIGINT) AS views
    FROM dates AS d
    CROSS JOIN active AS a
    LEFT JOIN ads ON ads.date = d.date AND ads.advertiser_id = a.advertiser_id
    LEFT JOIN views ON views.date = d.date AND views.advertiser_id = a.advertiser_id
    ORDER BY d.date, a.advertiser_id
) TO {{output}} (FORMAT parquet, COMPRESSION zstd);
