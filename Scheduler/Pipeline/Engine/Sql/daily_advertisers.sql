-- One row per active advertiser and date, zeros when it had no events: what the dashboard counts.
COPY (
    WITH dates AS (
        SELECT CAST(unnest(range({{first_date}}, {{last_date}} + INTERVAL 1 DAY, INTERVAL 1 DAY)) AS DATE) AS date
    )
    SELECT d.date, a.advertiser_id,
        coalesce(ads.impressions, 0) AS impressions,
        coalesce(ads.clicks, 0) AS clicks,
        coalesce(views.events, 0) AS views
    FROM dates AS d
    CROSS JOIN active AS a
    LEFT JOIN totals_ads_views AS ads ON ads.date = d.date AND ads.advertiser_id = a.advertiser_id
    LEFT JOIN totals_product_views AS views ON views.date = d.date AND views.advertiser_id = a.advertiser_id
    ORDER BY d.date, a.advertiser_id
) TO {{output}} (FORMAT parquet, COMPRESSION zstd);
