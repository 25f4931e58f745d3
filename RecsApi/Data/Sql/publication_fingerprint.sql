-- What the API's snapshot was built from: any publish, republish or retention delete changes it.
-- xmin changes whenever a row of published_dates is written, even with the same values.
SELECT max(date)                            AS latest_date,
       count(*)                             AS dates,
       max(published_at)                    AS last_published_at,
       coalesce(sum(xmin::text::bigint), 0) AS row_versions
FROM published_dates;
