-- Kept in step with postgres/0005 (GIN index settings there). SQLite searches through the
-- FTS5 trigram table licenses_search, so it needs no change here.
SELECT 1;
