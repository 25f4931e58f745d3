-- Publishes are serialised (retention depends on the newest date), then: the newest published date.
SELECT pg_advisory_xact_lock($1), (SELECT max(date) FROM published_dates);
