//! How SQLite answers the license search `q`: through the FTS5 trigram table, or by checking
//! `search_text` row by row while an index walks the list in order.
//!
//! PostgreSQL's planner makes this choice itself from its statistics; SQLite knows nothing of
//! how many rows an FTS5 match returns, so we ask. The two costs pull opposite ways:
//! - the trigram table reads every match (of every account) before sorting: cheap for a rare
//!   term, ~35 ms for `son` (96,000 matches) at 1,000,000 licenses;
//! - the ordered walk stops after a page of matches: cheap for a common term (0.4 ms for `son`),
//!   but a rare one makes it read every license of the filter (40 ms for `ava smith`).
//!
//! With `m` matches among `n` licenses, the walk reads about `branches × page × n / m` rows and
//! the trigram table `m` matches, a walked row costing ~3 times a match (measured, see
//! `docs/licenses.md`). They cost the same at `m = √(3 × branches × page × n)`: below that the
//! trigram table wins. Counting matches up to that number is cheap (~0.06 µs a match).

use uuid::Uuid;

use super::licenses_list::{ListFilter, ListQuery};
use super::{Db, Dialect, SqliteDb};

/// How the `q` condition is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchPath {
    /// `search_text LIKE …` alone: PostgreSQL's trigram GIN indexes, or a row-by-row check.
    RowCheck,
    /// SQLite: `rowid IN (… licenses_search MATCH …)`, with the `LIKE` as an exact re-check.
    TrigramTable,
}

/// A walked row costs about this many FTS5 matches.
const WALKED_ROW_COST: i64 = 3;

/// Numbers count up per account and licenses are never deleted: the highest number is the
/// account's license count, read from one end of the (account_id, number) index. Binds (account_id).
pub const ACCOUNT_LICENSES: &str = "SELECT COALESCE(MAX(number), 0) FROM licenses WHERE account_id = $1";

/// Binds (phrase, cap).
pub const MATCHES_UP_TO: &str =
    "SELECT COUNT(*) FROM (SELECT 1 FROM licenses_search WHERE licenses_search MATCH $1 LIMIT $2)";

/// The match count at which the ordered walk and the trigram table cost the same.
pub fn break_even(rows_wanted: i64, licenses: i64) -> i64 {
    WALKED_ROW_COST.saturating_mul(rows_wanted).saturating_mul(licenses.max(1)).isqrt()
}

/// The rows a page of `query` needs: a page per cost center it is read from.
pub fn rows_wanted(query: &ListQuery) -> i64 {
    query.filter.cost_centers.len().max(1) as i64 * (i64::from(query.limit) + 1)
}

/// FTS5's trigram tokenizer cannot look up fewer than three characters.
const MIN_TRIGRAM_CHARS: usize = 3;

/// `q` as an FTS5 phrase: a quoted string matches as a substring with the trigram tokenizer.
pub fn fts_phrase(q: &str) -> String {
    format!("\"{}\"", q.replace('"', "\"\""))
}

/// The search path for a page of `query`.
pub async fn choose(db: &Db, account_id: Uuid, query: &ListQuery) -> Result<SearchPath, sqlx::Error> {
    let q = query.filter.q.as_deref();
    choose_with(db, account_id, decision(db.dialect(), q, query.sort.is_indexed()), rows_wanted(query)).await
}

/// The search path for counting up to `cap` matches: a count stops at its cap in any order.
pub async fn choose_for_count(
    db: &Db,
    account_id: Uuid,
    filter: &ListFilter,
    cap: i64,
) -> Result<SearchPath, sqlx::Error> {
    choose_with(db, account_id, decision(db.dialect(), filter.q.as_deref(), true), cap).await
}

/// What deciding takes: nothing (PostgreSQL, or no `q` FTS5 can look up), a fixed answer, or
/// counting the matches of `q`.
pub enum Decision<'q> {
    Fixed(SearchPath),
    CountMatches(&'q str),
}

/// `stops_early`: the rows come in an order an index gives, so a walk can stop after a page;
/// in any other order it reads every match anyway and the trigram table is always cheaper.
pub fn decision(dialect: Dialect, q: Option<&str>, stops_early: bool) -> Decision<'_> {
    let q = q.filter(|q| q.chars().count() >= MIN_TRIGRAM_CHARS);
    match (dialect, q) {
        (Dialect::Postgres, _) | (Dialect::Sqlite, None) => Decision::Fixed(SearchPath::RowCheck),
        (Dialect::Sqlite, Some(_)) if !stops_early => Decision::Fixed(SearchPath::TrigramTable),
        (Dialect::Sqlite, Some(q)) => Decision::CountMatches(q),
    }
}

/// The break-even match count for `rows_wanted` rows of the account (reads its license count).
pub async fn break_even_for(sqlite: &SqliteDb, account_id: Uuid, rows_wanted: i64) -> Result<i64, sqlx::Error> {
    let licenses: i64 = sqlx::query_scalar(ACCOUNT_LICENSES).bind(account_id).fetch_one(&sqlite.reader).await?;
    Ok(break_even(rows_wanted, licenses))
}

async fn choose_with(
    db: &Db,
    account_id: Uuid,
    decision: Decision<'_>,
    rows_wanted: i64,
) -> Result<SearchPath, sqlx::Error> {
    let q = match decision {
        Decision::Fixed(path) => return Ok(path),
        Decision::CountMatches(q) => q,
    };
    // `decision` counts only on SQLite.
    let Db::Sqlite(sqlite) = db else { return Ok(SearchPath::RowCheck) };
    let break_even = break_even_for(sqlite, account_id, rows_wanted).await?;
    let matches: i64 =
        sqlx::query_scalar(MATCHES_UP_TO).bind(fts_phrase(q)).bind(break_even).fetch_one(&sqlite.reader).await?;
    Ok(if matches < break_even { SearchPath::TrigramTable } else { SearchPath::RowCheck })
}

#[cfg(test)]
mod tests {
    use super::fts_phrase;

    #[test]
    fn a_phrase_quotes_the_search_and_doubles_its_quotes() {
        assert_eq!(fts_phrase("ava smith"), "\"ava smith\"");
        assert_eq!(fts_phrase("a\"b"), "\"a\"\"b\"");
    }
}
