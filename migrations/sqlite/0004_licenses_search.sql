-- Kept in step with postgres/0004 (a GIN index there). SQLite answers the license search
-- through the FTS5 trigram table licenses_search, so it needs no change here.
SELECT 1;
