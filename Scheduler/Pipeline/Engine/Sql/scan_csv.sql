-- One dataset's CSV files as text columns, with the file each row came from.
-- Quoting is off: ids never need it, and an unterminated quote would otherwise swallow every
-- line after it. Lines with the wrong number of fields, invalid UTF-8 or over the size limit
-- are not returned; they are recorded in the rejects table for counting.
CREATE OR REPLACE TEMP VIEW {{view}} AS
SELECT advertiser_id, product_id, {{type}} AS type, date, filename
FROM read_csv(
    {{files}},
    header = true, auto_detect = false, delim = ',', quote = '', escape = '', new_line = '\n',
    columns = {{columns}},
    filename = true, store_rejects = true, rejects_table = '{{rejects_table}}', rejects_scan = '{{rejects_scan}}',
    max_line_size = {{max_line_size}}
);
