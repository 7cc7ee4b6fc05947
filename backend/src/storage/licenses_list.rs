//! The license list query: filters, keyset order and a capped count, built once per request.
//!
//! Every filter is on `licenses` itself (the search goes through `search_text`), so the
//! trigram index (PostgreSQL) or the FTS5 trigram table (SQLite) and the
//! `(account_id, …, added_at, id)` indexes answer it without touching the joined tables.
//!
//! A cost-center filter in the default order is answered one cost center at a time: each walks
//! `licenses_cost_center_idx` in list order and stops after a page, and the pages are merged.
//! `cost_center_id IN (a, b)` instead has to collect every match of both cost centers and sort
//! them — 7,000 rows read for a 50-row page of a common search at 1,000,000 licenses, against
//! ~600 this way (`docs/licenses.md`).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::licenses::{LicenseRow, LICENSE_COLUMNS, LICENSE_JOINS};
use super::licenses_search_plan::{self, SearchPath};
use super::{Db, Dialect};

/// The column a list is ordered by (then by id, so the order is total).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    AddedAt,
    Number,
    Assignee,
    CostCenter,
    LastUsedAt,
}

impl SortKey {
    /// Whether an index of `licenses` yields rows in this order, so a scan can stop after a page.
    pub fn is_indexed(self) -> bool {
        matches!(self, SortKey::AddedAt | SortKey::Number)
    }
}

/// A value of the sort key, as the cursor carries it.
#[derive(Debug, Clone, PartialEq)]
pub enum KeyValue {
    Int(i64),
    Time(DateTime<Utc>),
    Text(String),
}

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Lower-cased search text.
    pub q: Option<String>,
    pub cost_centers: Vec<Uuid>,
    /// `Some(true)` assigned only, `Some(false)` free only.
    pub assigned: Option<bool>,
    pub product_id: Option<Uuid>,
    pub unused_since: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct ListQuery {
    pub filter: ListFilter,
    pub sort: SortKey,
    pub descending: bool,
    /// Rows strictly after this (key, id) in the list order.
    pub after: Option<(KeyValue, Uuid)>,
    pub limit: u32,
}

/// Never-used licenses sort as if last used at the epoch.
fn never() -> DateTime<Utc> {
    DateTime::<Utc>::UNIX_EPOCH
}

#[derive(Debug, Clone, PartialEq)]
pub enum Bind {
    Uuid(Uuid),
    UuidArray(Vec<Uuid>),
    Text(String),
    Time(DateTime<Utc>),
    Int(i64),
}

/// Applies the collected binds in order (the `$n` numbers were handed out as they were pushed).
/// `uuid[]` exists only on PostgreSQL, so the caller says how to bind an array.
macro_rules! bind_all {
    ($query:expr, $binds:expr, |$q:ident, $ids:ident| $bind_array:expr) => {{
        let mut query = $query;
        for bind in $binds {
            query = match bind {
                Bind::Uuid(v) => query.bind(*v),
                Bind::Text(v) => query.bind(v.clone()),
                Bind::Time(v) => query.bind(*v),
                Bind::Int(v) => query.bind(*v),
                Bind::UuidArray($ids) => {
                    let $q = query;
                    $bind_array
                }
            };
        }
        query
    }};
}

/// Runs `$sql` (a `Sql`) made with `$make` (`sqlx::query_as::<…>` or `query_scalar`) on the
/// read pool, fetching with `$fetch`. `page_sql` binds `uuid[]` only for PostgreSQL.
macro_rules! on_reader_bound {
    ($db:expr, $sql:expr, $make:path, $fetch:ident) => {
        match $db {
            Db::Postgres(pool) => {
                bind_all!($make(&$sql.text), &$sql.binds, |q, ids| q.bind(ids.clone())).$fetch(pool).await
            }
            Db::Sqlite(s) => {
                bind_all!($make(&$sql.text), &$sql.binds, |_q, _ids| return Err(sqlx::Error::Protocol(
                    "uuid[] is bound only on PostgreSQL".into()
                )))
                .$fetch(&s.reader)
                .await
            }
        }
    };
}

/// A statement with its binds, exactly as it is sent (the benchmark replays it bare).
#[derive(Debug, Clone)]
pub struct Sql {
    pub text: String,
    pub binds: Vec<Bind>,
}

impl Sql {
    fn new() -> Sql {
        Sql { text: String::new(), binds: Vec::new() }
    }

    fn param(&mut self, bind: Bind) -> String {
        self.binds.push(bind);
        format!("${}", self.binds.len())
    }
}

/// The sort key as an SQL expression; text keys compare byte-wise on both databases.
fn key_expr(sort: SortKey, dialect: Dialect, sql: &mut Sql) -> String {
    let collate = if dialect == Dialect::Postgres { " COLLATE \"C\"" } else { "" };
    match sort {
        SortKey::AddedAt => "l.added_at".into(),
        SortKey::Number => "l.number".into(),
        SortKey::Assignee => format!("COALESCE(u.name, ''){collate}"),
        SortKey::CostCenter => format!("c.code{collate}"),
        SortKey::LastUsedAt => format!("COALESCE(l.last_used_at, {})", sql.param(Bind::Time(never()))),
    }
}

/// `LIKE` pattern for a substring, with the wildcards in it escaped.
fn like_pattern(q: &str) -> String {
    let escaped = q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// The conditions of every filter but the cost centers.
fn conditions(account_id: Uuid, filter: &ListFilter, search: SearchPath, sql: &mut Sql) -> Vec<String> {
    let mut clauses = vec![format!("l.account_id = {}", sql.param(Bind::Uuid(account_id)))];
    match filter.assigned {
        Some(true) => clauses.push("l.assignee_id IS NOT NULL".into()),
        Some(false) => clauses.push("l.assignee_id IS NULL".into()),
        None => {}
    }
    if let Some(product) = filter.product_id {
        clauses.push(format!("l.product_id = {}", sql.param(Bind::Uuid(product))));
    }
    if let Some(since) = filter.unused_since {
        clauses.push(format!("(l.last_used_at IS NULL OR l.last_used_at < {})", sql.param(Bind::Time(since))));
    }
    if let Some(q) = filter.q.as_deref().filter(|q| !q.is_empty()) {
        if search == SearchPath::TrigramTable {
            clauses.push(format!(
                "l.rowid IN (SELECT rowid FROM licenses_search WHERE licenses_search MATCH {})",
                sql.param(Bind::Text(licenses_search_plan::fts_phrase(q)))
            ));
        }
        clauses.push(format!("l.search_text LIKE {} ESCAPE '\\'", sql.param(Bind::Text(like_pattern(q)))));
    }
    clauses
}

/// `l.cost_center_id IN (…)`, when the filter names cost centers.
fn cost_center_in(filter: &ListFilter, sql: &mut Sql) -> Option<String> {
    if filter.cost_centers.is_empty() {
        return None;
    }
    let list: Vec<String> = filter.cost_centers.iter().map(|id| sql.param(Bind::Uuid(*id))).collect();
    Some(format!("l.cost_center_id IN ({})", list.join(", ")))
}

/// Whether the page is read one cost center at a time (see the module comment). On SQLite an
/// FTS5 search reads every match anyway, so it goes once over all the cost centers instead.
fn per_cost_center(query: &ListQuery, search: SearchPath) -> bool {
    query.sort == SortKey::AddedAt && !query.filter.cost_centers.is_empty() && search != SearchPath::TrigramTable
}

pub fn page_sql(account_id: Uuid, query: &ListQuery, dialect: Dialect, search: SearchPath) -> Sql {
    let mut sql = Sql::new();
    let mut conditions = conditions(account_id, &query.filter, search, &mut sql);
    let key = key_expr(query.sort, dialect, &mut sql);
    let (dir, cmp) = if query.descending { ("DESC", "<") } else { ("ASC", ">") };
    if let Some((value, id)) = &query.after {
        let value = match value {
            KeyValue::Int(v) => sql.param(Bind::Int(*v)),
            KeyValue::Time(v) => sql.param(Bind::Time(*v)),
            KeyValue::Text(v) => sql.param(Bind::Text(v.clone())),
        };
        let id = sql.param(Bind::Uuid(*id));
        conditions.push(format!("({key}, l.id) {cmp} ({value}, {id})"));
    }
    let order = format!("ORDER BY {key} {dir}, l.id {dir}");
    let matching = if per_cost_center(query, search) {
        let limit = sql.param(Bind::Int(i64::from(query.limit) + 1));
        let conditions = conditions.join(" AND ");
        let newest_of = |cost_center: &str| {
            format!(
                "SELECT l.* FROM licenses l WHERE {conditions} AND l.cost_center_id = {cost_center} {order} LIMIT {limit}"
            )
        };
        let merged = match dialect {
            Dialect::Postgres => {
                let ids = sql.param(Bind::UuidArray(query.filter.cost_centers.clone()));
                format!("unnest({ids}::uuid[]) AS cc(id) CROSS JOIN LATERAL ({}) l", newest_of("cc.id"))
            }
            // No LATERAL in SQLite: one branch per cost center, each cut to a page.
            Dialect::Sqlite => {
                let branches: Vec<String> = (query.filter.cost_centers.iter())
                    .map(|id| format!("SELECT * FROM ({})", newest_of(&sql.param(Bind::Uuid(*id)))))
                    .collect();
                format!("({}) l", branches.join(" UNION ALL "))
            }
        };
        format!("SELECT l.* FROM {merged} {order} LIMIT {limit}")
    } else {
        conditions.extend(cost_center_in(&query.filter, &mut sql));
        let limit = sql.param(Bind::Int(i64::from(query.limit) + 1));
        // Filter, order and cut on `licenses` alone (joining only what the sort key needs).
        let sort_join = match query.sort {
            SortKey::Assignee => "LEFT JOIN directory_users u ON u.id = l.assignee_id",
            SortKey::CostCenter => "JOIN cost_centers c ON c.id = l.cost_center_id",
            _ => "",
        };
        format!("SELECT l.* FROM licenses l {sort_join} WHERE {} {order} LIMIT {limit}", conditions.join(" AND "))
    };
    // Then complete just the rows of the page: the joins run `limit` times, not once per match.
    sql.text = format!("SELECT {LICENSE_COLUMNS} FROM ({matching}) l {LICENSE_JOINS} {order}");
    sql
}

/// The statement `page` sends for this query (after asking SQLite how to search).
pub async fn plan_page(db: &Db, account_id: Uuid, query: &ListQuery) -> Result<Sql, sqlx::Error> {
    let search = licenses_search_plan::choose(db, account_id, query).await?;
    Ok(page_sql(account_id, query, db.dialect(), search))
}

/// `limit + 1` rows of the page (the extra one says whether there is a next page).
pub async fn page(db: &Db, account_id: Uuid, query: &ListQuery) -> Result<Vec<LicenseRow>, sqlx::Error> {
    fetch_page(db, &plan_page(db, account_id, query).await?).await
}

/// Runs a page statement made by `page_sql`.
pub async fn fetch_page(db: &Db, sql: &Sql) -> Result<Vec<LicenseRow>, sqlx::Error> {
    on_reader_bound!(db, sql, sqlx::query_as::<_, LicenseRow>, fetch_all)
}

/// How many licenses match, counting no further than `cap`.
pub async fn count_capped(db: &Db, account_id: Uuid, filter: &ListFilter, cap: i64) -> Result<i64, sqlx::Error> {
    let search = licenses_search_plan::choose_for_count(db, account_id, filter, cap).await?;
    let mut sql = Sql::new();
    let mut conditions = conditions(account_id, filter, search, &mut sql);
    conditions.extend(cost_center_in(filter, &mut sql));
    let cap = sql.param(Bind::Int(cap));
    sql.text = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM licenses l WHERE {} LIMIT {cap}) matching",
        conditions.join(" AND ")
    );
    on_reader_bound!(db, &sql, sqlx::query_scalar::<_, i64>, fetch_one)
}

/// The cursor value of a row for `sort`.
pub fn key_of(row: &LicenseRow, sort: SortKey) -> KeyValue {
    match sort {
        SortKey::AddedAt => KeyValue::Time(row.added_at),
        SortKey::Number => KeyValue::Int(row.number),
        SortKey::Assignee => KeyValue::Text(row.assignee_name.clone().unwrap_or_default()),
        SortKey::CostCenter => KeyValue::Text(row.cost_center_code.clone()),
        SortKey::LastUsedAt => KeyValue::Time(row.last_used_at.unwrap_or_else(never)),
    }
}
