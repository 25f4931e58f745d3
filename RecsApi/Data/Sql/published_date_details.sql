-- Every retained published date, newest first: when and by which run it was published, its active
-- advertisers and how many have each model, and the raw rows and malformed rows its run recorded.
SELECT p.date,
       p.published_at,
       p.run_id,
       p.active_advertisers,
       (SELECT count(DISTINCT c.advertiser_id) FROM top_ctr c WHERE c.date = p.date)::int     AS top_ctr_advertisers,
       (SELECT count(DISTINCT t.advertiser_id) FROM top_product t WHERE t.date = p.date)::int AS top_product_advertisers,
       (r.data_quality ->> 'rows_read')::bigint                                               AS rows_read,
       (r.data_quality ->> 'bad_rows')::bigint                                                AS bad_rows
FROM published_dates p
LEFT JOIN pipeline_runs r ON r.id = p.run_id
ORDER BY p.date DESC;
