-- License search: one trigram GIN index instead of two, and a short pending list.
--
-- licenses_cc_search_idx (0004, on cost_center_id and search_text) answers `q` alone as well as
-- `q` with cost centers: GIN looks up the keys of each column separately. Measured at 1,000,000
-- licenses, `q = ava smith` alone: 2.3 ms through it, 2.8 ms through licenses_search_idx. So
-- drop the second one: one GIN index less to keep current on every assign and every order.
DROP INDEX IF EXISTS licenses_search_idx;

-- GIN buffers new entries in a pending list that every search reads in full until a vacuum
-- (or the list's size limit) merges it into the index. At the 4 MB default, 8 s of benchmark
-- assign/unassign left 424 pending pages and made `ava smith` + two cost centers 3.8 times
-- slower (1.7 ms → 6.6 ms). At 128 kB the list stays a few pages; merging it falls to the
-- writes, which measured the same (10,000-license insert 360 ms; assign/unassign ±5 %).
ALTER INDEX licenses_cc_search_idx SET (gin_pending_list_limit = 128);
