-- The sums the CSV digest's threads wrote: date, advertiser, product, impressions or views, clicks.
SELECT * FROM read_csv({{parts}}, header = false, auto_detect = false, delim = ',', quote = '', escape = '',
    columns = {'date': 'DATE', 'advertiser_id': 'VARCHAR', 'product_id': 'VARCHAR', 'first': 'BIGINT', 'second': 'BIGINT'})
