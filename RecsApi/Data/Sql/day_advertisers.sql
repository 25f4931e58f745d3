-- The advertisers active on date $1, with or without recommendations.
SELECT advertiser_id FROM daily_advertisers WHERE date = $1;
