-- Delivered when the transaction commits: listeners never hear of a date before it is readable.
SELECT pg_notify('recs_published', $1);
