-- RecsApi's compact copy of a published date: every advertiser's two lists in one value, written by the
-- first replica that loads the date from the model tables and read by every later load (tens of MB
-- instead of millions of rows). Dropping or republishing the date deletes it with its published_dates row;
-- version (that row's xmin when the copy was made, which any write to the row changes) tells a stale copy
-- apart, format a copy an older RecsApi wrote.
CREATE TABLE snapshot_days (
    date         date        PRIMARY KEY REFERENCES published_dates (date) ON DELETE CASCADE,
    version      bigint      NOT NULL,
    format       smallint    NOT NULL,
    body         bytea       NOT NULL
);

-- The body is already compact; PostgreSQL's compression would only cost time on every read and write.
ALTER TABLE snapshot_days ALTER COLUMN body SET STORAGE EXTERNAL;
