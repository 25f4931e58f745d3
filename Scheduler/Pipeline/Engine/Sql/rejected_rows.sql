    -- Lines the CSV reader refused. One counts for the run unless it shows a valid date outside the run's dates.
    UNION ALL
    SELECT
        CASE r.error_type
            WHEN 'MISSING COLUMNS' THEN 'wrong_column_count'
            WHEN 'TOO MANY COLUMNS' THEN 'wrong_column_count'
            WHEN 'INVALID ENCODING' THEN 'invalid_utf8'
            WHEN 'LINE SIZE OVER MAXIMUM' THEN 'overlong_field'
            WHEN 'UNQUOTED VALUE' THEN 'stray_quote'
            ELSE 'malformed'
        END,
        s.file_path,
        r.line,
        r.csv_line
    FROM (SELECT DISTINCT ON (scan_id, file_id, line) * FROM {{rejects_table}}) AS r
    JOIN {{rejects_scan}} AS s USING (scan_id, file_id)
    WHERE coalesce(
        CAST(try_strptime(regexp_extract(r.csv_line, '\d{4}-\d{2}-\d{2}'), '%Y-%m-%d') AS DATE) BETWEEN {{first_date}} AND {{last_date}},
        true)
