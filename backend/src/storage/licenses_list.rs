//! The license list query: filters, keyset order and a capped count, built once per request.
//!
//! Every filter is on `licenses` itself (the search goes through `search_text`), so the
//! trigram index (PostgreSQL) or the FTS5 trigram table (SQLite) and the
//! `(account_id, …, added_at, id)` indexes answer it without touching the joined tables.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::licenses::{LicenseRow, LICENSE_COLUMNS, LICENSE_JOINS};
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

enum Bind {
    Uuid(Uuid),
    Text(String),
    Time(DateTime<Utc>),
    Int(i64),
}

/// Applies the collected binds in order (the `$n` numbers were handed out as they were pushed).
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut query = $query;
        for bind in $binds {
            query = match bind {
                Bind::Uuid(v) => query.bind(*v),
                Bind::Text(v) => query.bind(v.clone()),
                Bind::Time(v) => query.bind(*v),
                Bind::Int(v) => query.bind(*v),
            };
        }
        query
    }};
}

struct Sql {
    text: String,
    binds: Vec<Bind>,
}

impl Sql {
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

/// The WHERE clause shared by the page and the count.
fn where_clause(account_id: Uuid, filter: &ListFilter, dialect: Dialect, sql: &mut Sql) -> String {
    let mut clauses = vec![format!("l.account_id = {}", sql.param(Bind::Uuid(account_id)))];
    if !filter.cost_centers.is_empty() {
        let list: Vec<String> = filter.cost_centers.iter().map(|id| sql.param(Bind::Uuid(*id))).collect();
        clauses.push(format!("l.cost_center_id IN ({})", list.join(", ")));
    }
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
        // FTS5's trigram index needs three characters; shorter searches scan with LIKE.
        if dialect == Dialect::Sqlite && q.chars().count() >= 3 {
            let phrase = format!("\"{}\"", q.replace('"', "\"\""));
            clauses.push(format!(
                "l.rowid IN (SELECT rowid FROM licenses_search WHERE licenses_search MATCH {})",
                sql.param(Bind::Text(phrase))
            ));
        }
        clauses.push(format!("l.search_text LIKE {} ESCAPE '\\'", sql.param(Bind::Text(like_pattern(q)))));
    }
    clauses.join(" AND ")
}

fn page_sql(account_id: Uuid, query: &ListQuery, dialect: Dialect) -> Sql {
    let mut sql = Sql { text: String::new(), binds: Vec::new() };
    let mut conditions = where_clause(account_id, &query.filter, dialect, &mut sql);
    let key = key_expr(query.sort, dialect, &mut sql);
    let (dir, cmp) = if query.descending { ("DESC", "<") } else { ("ASC", ">") };
    if let Some((value, id)) = &query.after {
        let value = match value {
            KeyValue::Int(v) => sql.param(Bind::Int(*v)),
            KeyValue::Time(v) => sql.param(Bind::Time(*v)),
            KeyValue::Text(v) => sql.param(Bind::Text(v.clone())),
        };
        let id = sql.param(Bind::Uuid(*id));
        conditions.push_str(&format!(" AND ({key}, l.id) {cmp} ({value}, {id})"));
    }
    let limit = sql.param(Bind::Int(i64::from(query.limit) + 1));
    // Filter, order and cut on `licenses` alone (joining only what the sort key needs), then
    // complete just the rows of the page: the joins run `limit` times, not once per match.
    let sort_join = match query.sort {
        SortKey::Assignee => "LEFT JOIN directory_users u ON u.id = l.assignee_id",
        SortKey::CostCenter => "JOIN cost_centers c ON c.id = l.cost_center_id",
        _ => "",
    };
    let order = format!("ORDER BY {key} {dir}, l.id {dir}");
    sql.text = format!(
        "SELECT {LICENSE_COLUMNS} FROM (SELECT l.* FROM licenses l {sort_join} WHERE {conditions} {order} LIMIT {limit}) l \
         {LICENSE_JOINS} {order}"
    );
    sql
}

/// `limit + 1` rows of the page (the extra one says whether there is a next page).
pub async fn page(db: &Db, account_id: Uuid, query: &ListQuery) -> Result<Vec<LicenseRow>, sqlx::Error> {
    let sql = page_sql(account_id, query, db.dialect());
    crate::on_read!(db, |pool| bind_all!(sqlx::query_as::<_, LicenseRow>(&sql.text), &sql.binds).fetch_all(pool).await)
}

/// How many licenses match, counting no further than `cap`.
pub async fn count_capped(db: &Db, account_id: Uuid, filter: &ListFilter, cap: i64) -> Result<i64, sqlx::Error> {
    let mut sql = Sql { text: String::new(), binds: Vec::new() };
    let conditions = where_clause(account_id, filter, db.dialect(), &mut sql);
    let cap = sql.param(Bind::Int(cap));
    sql.text = format!("SELECT COUNT(*) FROM (SELECT 1 FROM licenses l WHERE {conditions} LIMIT {cap}) matching");
    crate::on_read!(db, |pool| bind_all!(sqlx::query_scalar::<_, i64>(&sql.text), &sql.binds).fetch_one(pool).await)
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
