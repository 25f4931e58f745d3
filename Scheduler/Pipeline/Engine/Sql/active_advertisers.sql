-- The advertisers active now: one id per line under the header advertiser_id.
CREATE OR REPLACE TEMP TABLE active AS
SELECT DISTINCT trim(advertiser_id) AS advertiser_id
FROM read_csv({{file}}, header = true, auto_detect = false, columns = {'advertiser_id': 'VARCHAR'}, delim = ',')
WHERE trim(advertiser_id) <> '';
