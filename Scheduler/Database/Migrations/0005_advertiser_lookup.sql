-- RecsApi looks advertisers up across dates (history, "known on any date", the advertiser index);
-- the primary key leads with the date, so give it an index that leads with the advertiser.
CREATE INDEX daily_advertisers_by_advertiser ON daily_advertisers (advertiser_id, date);
