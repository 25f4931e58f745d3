-- Date $1: the previous published date, active advertisers, and advertisers with recommendations.
SELECT (SELECT max(date) FROM published_dates WHERE date < $1)                    AS previous_date,
       (SELECT count(*) FROM daily_advertisers WHERE date = $1)::int              AS active_advertisers,
       (SELECT count(*) FROM (SELECT advertiser_id FROM top_ctr WHERE date = $1
                              UNION
                              SELECT advertiser_id FROM top_product WHERE date = $1) AS a)::int AS with_recommendations;
