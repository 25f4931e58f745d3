-- The filtered rows as the next steps read them (input order, so the same input gives the same file).
COPY ({{kept_rows}}) TO {{output}} (FORMAT parquet, COMPRESSION zstd);
