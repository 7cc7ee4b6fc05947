//! Directory users: the people in the phone system who can hold licenses.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Db, Dialect, Tx, UniqueKey};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: Uuid,
    pub account_id: Uuid,
    pub name: String,
    pub email: String,
    pub ext: String,
    pub kind: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub const EXT_KEY: UniqueKey =
    UniqueKey { postgres: "directory_users_ext_key", sqlite: "directory_users.account_id, directory_users.ext" };
pub const EMAIL_KEY: UniqueKey =
    UniqueKey { postgres: "directory_users_email_key", sqlite: "index 'directory_users_email_key'" };

const COLUMNS: &str = "u.id, u.account_id, u.name, u.email, u.ext, u.kind, u.status, u.created_at, u.updated_at";

/// What the list may be narrowed by; `None` means "any".
#[derive(Debug, Default)]
pub struct UserFilter {
    /// Already lower-cased; matched as a substring of name, email or ext.
    pub q: Option<String>,
    pub kind: Option<String>,
    pub status: Option<String>,
    pub has_license: Option<bool>,
}

enum Bind {
    Text(String),
    Id(Uuid),
}

/// One page in (name, id) order after `after`; fetches `limit + 1` rows for `into_page`.
pub async fn list(
    db: &Db,
    account_id: Uuid,
    filter: &UserFilter,
    after: Option<(String, Uuid)>,
    limit: u32,
) -> Result<Vec<UserRow>, sqlx::Error> {
    let mut sql = format!("SELECT {COLUMNS} FROM directory_users u WHERE u.account_id = $1");
    let mut binds = vec![Bind::Id(account_id)];
    let next = |binds: &mut Vec<Bind>, value: Bind| {
        binds.push(value);
        binds.len()
    };
    if let Some(q) = &filter.q {
        // The same expression the PostgreSQL trigram index is built on.
        let n = next(&mut binds, Bind::Text(format!("%{}%", escape_like(q))));
        sql.push_str(&format!(" AND lower(u.name || ' ' || u.email || ' ' || u.ext) LIKE ${n} ESCAPE '\\'"));
    }
    if let Some(kind) = &filter.kind {
        let n = next(&mut binds, Bind::Text(kind.clone()));
        sql.push_str(&format!(" AND u.kind = ${n}"));
    }
    if let Some(status) = &filter.status {
        let n = next(&mut binds, Bind::Text(status.clone()));
        sql.push_str(&format!(" AND u.status = ${n}"));
    }
    if let Some(has) = filter.has_license {
        let not = if has { "" } else { "NOT " };
        sql.push_str(&format!(" AND {not}EXISTS (SELECT 1 FROM licenses l WHERE l.assignee_id = u.id)"));
    }
    if let Some((name, id)) = after {
        let n = next(&mut binds, Bind::Text(name));
        let m = next(&mut binds, Bind::Id(id));
        sql.push_str(&format!(" AND (u.name > ${n} OR (u.name = ${n} AND u.id > ${m}))"));
    }
    sql.push_str(&format!(" ORDER BY u.name, u.id LIMIT {}", u64::from(limit) + 1));
    crate::on_read!(db, |pool| {
        let mut query = sqlx::query_as::<_, UserRow>(&sql);
        for bind in &binds {
            query = match bind {
                Bind::Text(text) => query.bind(text),
                Bind::Id(id) => query.bind(id),
            };
        }
        query.fetch_all(pool).await
    })
}

/// `%`, `_` and `\` in a search are literal characters, not patterns.
fn escape_like(q: &str) -> String {
    q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

pub async fn get(db: &Db, account_id: Uuid, id: Uuid) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM directory_users u WHERE u.id = $1 AND u.account_id = $2");
    crate::on_read!(db, |pool| sqlx::query_as::<_, UserRow>(&sql).bind(id).bind(account_id).fetch_optional(pool).await)
}

/// The user, locked for the rest of the transaction on PostgreSQL (SQLite's write
/// transaction already holds the database lock).
pub async fn get_for_update(tx: &mut Tx, account_id: Uuid, id: Uuid) -> Result<Option<UserRow>, sqlx::Error> {
    let lock = if tx.dialect() == Dialect::Postgres { " FOR UPDATE" } else { "" };
    let sql = format!("SELECT {COLUMNS} FROM directory_users u WHERE u.id = $1 AND u.account_id = $2{lock}");
    crate::with_tx!(tx, |conn| sqlx::query_as::<_, UserRow>(&sql).bind(id).bind(account_id).fetch_optional(conn).await)
}

pub async fn insert(tx: &mut Tx, user: &UserRow) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO directory_users (id, account_id, name, email, ext, kind, status, created_at, updated_at) \
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    crate::tx_execute!(
        tx,
        sqlx::query(sql)
            .bind(user.id)
            .bind(user.account_id)
            .bind(&user.name)
            .bind(&user.email)
            .bind(&user.ext)
            .bind(&user.kind)
            .bind(&user.status)
            .bind(user.created_at)
            .bind(user.updated_at)
    )?;
    Ok(())
}

pub async fn update(tx: &mut Tx, user: &UserRow) -> Result<(), sqlx::Error> {
    let sql = "UPDATE directory_users SET name = $1, email = $2, ext = $3, kind = $4, status = $5, updated_at = $6 \
               WHERE id = $7 AND account_id = $8";
    crate::tx_execute!(
        tx,
        sqlx::query(sql)
            .bind(&user.name)
            .bind(&user.email)
            .bind(&user.ext)
            .bind(&user.kind)
            .bind(&user.status)
            .bind(user.updated_at)
            .bind(user.id)
            .bind(user.account_id)
    )?;
    Ok(())
}

/// A license a user holds, as the directory shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HeldLicenseRow {
    pub assignee_id: Uuid,
    pub id: Uuid,
    pub number: i64,
    pub product_sku: String,
}

/// The licenses held by any of `user_ids`, in license-number order.
pub async fn licenses_held_by(
    db: &Db,
    account_id: Uuid,
    user_ids: &[Uuid],
) -> Result<Vec<HeldLicenseRow>, sqlx::Error> {
    if user_ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders = (2..user_ids.len() + 2).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "SELECT l.assignee_id, l.id, l.number, p.sku AS product_sku FROM licenses l \
         JOIN products p ON p.id = l.product_id \
         WHERE l.account_id = $1 AND l.assignee_id IN ({placeholders}) ORDER BY l.number"
    );
    crate::on_read!(db, |pool| {
        let mut query = sqlx::query_as::<_, HeldLicenseRow>(&sql).bind(account_id);
        for id in user_ids {
            query = query.bind(id);
        }
        query.fetch_all(pool).await
    })
}
