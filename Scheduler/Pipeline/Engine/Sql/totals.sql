-- Events per active advertiser and date in one dataset, for daily_advertisers.
CREATE OR REPLACE TEMP TABLE totals_{{dataset}} AS
SELECT date, advertiser_id,
    count(*) FILTER (WHERE type = 'impression') AS impressions,
    count(*) FILTER (WHERE type = 'click') AS clicks,
    count(*) AS events
FROM ({{kept_rows}})
GROUP BY date, advertiser_id;
