-- Everything RecsApi keeps of date $1: the active advertisers with their event totals, then both models'
-- lists, each grouped by advertiser and ranked (the primary keys' order, so no sort).
SELECT advertiser_id, impressions, clicks, views FROM daily_advertisers WHERE date = $1;

SELECT advertiser_id, rank, product_id, clicks, impressions, ctr FROM top_ctr WHERE date = $1 ORDER BY advertiser_id, rank;

SELECT advertiser_id, rank, product_id, views FROM top_product WHERE date = $1 ORDER BY advertiser_id, rank;
