//! License rows: reading one with everything the API shows, and the guarded changes.
//!
//! The seat rules live in the database: `UPDATE … WHERE assignee_id IS NULL` lets one of many
//! concurrent assigns win, and the unique partial index `licenses_one_per_user_key` refuses a
//! second license of a product for the same person.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::errors::UniqueKey;
use super::{Db, Dialect, Tx};
use crate::{tx_execute, with_tx};

pub const ONE_PER_USER: UniqueKey =
    UniqueKey { postgres: "licenses_one_per_user_key", sqlite: "licenses.product_id, licenses.assignee_id" };

/// A license with its product, cost center and holder.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LicenseRow {
    pub id: Uuid,
    pub number: i64,
    pub product_id: Uuid,
    pub sku: String,
    pub product_name: String,
    pub assignee_id: Option<Uuid>,
    pub assignee_name: Option<String>,
    pub assignee_email: Option<String>,
    pub assignee_ext: Option<String>,
    pub cost_center_id: Uuid,
    pub cost_center_code: String,
    pub cost_center_name: String,
    pub added_at: DateTime<Utc>,
    pub assigned_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The columns of `LicenseRow`, over `l` (licenses), `p`, `c` and `u`.
pub const LICENSE_COLUMNS: &str = "l.id, l.number, l.product_id, p.sku, p.name AS product_name, \
    l.assignee_id, u.name AS assignee_name, u.email AS assignee_email, u.ext AS assignee_ext, \
    l.cost_center_id, c.code AS cost_center_code, c.name AS cost_center_name, \
    l.added_at, l.assigned_at, l.last_used_at";

/// The joins that complete a license row, after `FROM <licenses or a subquery of them> l`.
pub const LICENSE_JOINS: &str = "JOIN products p ON p.id = l.product_id \
    JOIN cost_centers c ON c.id = l.cost_center_id \
    LEFT JOIN directory_users u ON u.id = l.assignee_id";

/// One license of an account: binds (account_id, id). With `lock`, the PostgreSQL row lock of
/// `for_change`.
pub fn select_one_sql(dialect: Dialect, lock: bool) -> String {
    let lock = if lock && dialect == Dialect::Postgres { " FOR UPDATE OF l" } else { "" };
    format!("SELECT {LICENSE_COLUMNS} FROM licenses l {LICENSE_JOINS} WHERE l.account_id = $1 AND l.id = $2{lock}")
}

pub async fn get(db: &Db, account_id: Uuid, id: Uuid) -> Result<Option<LicenseRow>, sqlx::Error> {
    let sql = select_one_sql(db.dialect(), false);
    crate::on_read!(db, |pool| sqlx::query_as::<_, LicenseRow>(&sql)
        .bind(account_id)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

/// A license about to change, locked until the transaction ends (PostgreSQL; SQLite's single
/// writer already excludes every other change). So what it reads stays true: the change can
/// be checked against it, and the answer built from it without reading the row again.
pub async fn for_change(tx: &mut Tx, account_id: Uuid, id: Uuid) -> Result<Option<LicenseRow>, sqlx::Error> {
    let sql = select_one_sql(tx.dialect(), true);
    with_tx!(tx, |conn| sqlx::query_as::<_, LicenseRow>(&sql).bind(account_id).bind(id).fetch_optional(conn).await)
}

/// The oldest free license of a product, locked like `for_change`. On PostgreSQL rows other
/// transactions are taking are skipped, so concurrent callers each get a different seat.
pub async fn oldest_free(tx: &mut Tx, account_id: Uuid, product_id: Uuid) -> Result<Option<LicenseRow>, sqlx::Error> {
    let lock = if tx.dialect() == Dialect::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" };
    let sql = format!(
        "SELECT {LICENSE_COLUMNS} FROM licenses l {LICENSE_JOINS} WHERE l.id = (SELECT f.id FROM licenses f \
         WHERE f.account_id = $1 AND f.product_id = $2 AND f.assignee_id IS NULL \
         ORDER BY f.added_at, f.id LIMIT 1{lock})"
    );
    with_tx!(tx, |conn| sqlx::query_as::<_, LicenseRow>(&sql)
        .bind(account_id)
        .bind(product_id)
        .fetch_optional(conn)
        .await)
}

/// Binds (user_id, assigned_at, search_text, id, account_id).
pub const SET_ASSIGNEE: &str = "UPDATE licenses SET assignee_id = $1, assigned_at = $2, search_text = $3 \
    WHERE id = $4 AND account_id = $5 AND assignee_id IS NULL";

/// Binds (search_text, id, account_id, holder).
pub const CLEAR_ASSIGNEE: &str = "UPDATE licenses SET assignee_id = NULL, assigned_at = NULL, last_used_at = NULL, \
    search_text = $1 WHERE id = $2 AND account_id = $3 AND assignee_id = $4";

/// Gives a free license to `user_id`; 0 rows when it is no longer free. A unique violation
/// on `ONE_PER_USER` means the person already holds this product.
pub async fn set_assignee(
    tx: &mut Tx,
    account_id: Uuid,
    id: Uuid,
    user_id: Uuid,
    search_text: &str,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    tx_execute!(tx, sqlx::query(SET_ASSIGNEE).bind(user_id).bind(now).bind(search_text).bind(id).bind(account_id))
}

/// Frees a license still held by `holder`; 0 rows when it is not (any more).
pub async fn clear_assignee(
    tx: &mut Tx,
    account_id: Uuid,
    id: Uuid,
    holder: Uuid,
    search_text: &str,
) -> Result<u64, sqlx::Error> {
    tx_execute!(tx, sqlx::query(CLEAR_ASSIGNEE).bind(search_text).bind(id).bind(account_id).bind(holder))
}

pub async fn set_cost_center(
    tx: &mut Tx,
    account_id: Uuid,
    id: Uuid,
    cost_center_id: Uuid,
    search_text: &str,
) -> Result<u64, sqlx::Error> {
    tx_execute!(
        tx,
        sqlx::query("UPDATE licenses SET cost_center_id = $1, search_text = $2 WHERE id = $3 AND account_id = $4")
            .bind(cost_center_id)
            .bind(search_text)
            .bind(id)
            .bind(account_id)
    )
}

/// A directory user as the license rules see them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Holder {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub ext: String,
    pub status: String,
}

/// The user about to receive a license. On PostgreSQL the row is share-locked: a concurrent
/// disable (which locks the user FOR UPDATE and releases their licenses) then either waits for
/// this assignment and releases it, or commits first and this read sees the user disabled.
/// SQLite's single writer serialises both.
pub async fn holder_for_assignment(
    tx: &mut Tx,
    account_id: Uuid,
    user_id: Uuid,
) -> Result<Option<Holder>, sqlx::Error> {
    let share_lock = holder_is_share_locked(tx.dialect());
    read_holder(tx, account_id, user_id, share_lock).await
}

pub fn holder_is_share_locked(dialect: Dialect) -> bool {
    dialect == Dialect::Postgres
}

/// The current holder of a license, for its search text (no lock: the license row is locked).
pub async fn holder(tx: &mut Tx, account_id: Uuid, user_id: Uuid) -> Result<Option<Holder>, sqlx::Error> {
    read_holder(tx, account_id, user_id, false).await
}

/// A directory user: binds (account_id, user_id).
pub fn select_holder_sql(share_lock: bool) -> String {
    let lock = if share_lock { " FOR SHARE" } else { "" };
    format!("SELECT id, name, email, ext, status FROM directory_users WHERE account_id = $1 AND id = $2{lock}")
}

async fn read_holder(
    tx: &mut Tx,
    account_id: Uuid,
    user_id: Uuid,
    share_lock: bool,
) -> Result<Option<Holder>, sqlx::Error> {
    let sql = select_holder_sql(share_lock);
    with_tx!(tx, |conn| sqlx::query_as::<_, Holder>(&sql).bind(account_id).bind(user_id).fetch_optional(conn).await)
}

/// A cost center of the account: (code, name).
pub async fn cost_center(tx: &mut Tx, account_id: Uuid, id: Uuid) -> Result<Option<(String, String)>, sqlx::Error> {
    with_tx!(tx, |conn| sqlx::query_as::<_, (String, String)>(
        "SELECT code, name FROM cost_centers WHERE account_id = $1 AND id = $2"
    )
    .bind(account_id)
    .bind(id)
    .fetch_optional(conn)
    .await)
}

/// A product by id or sku.
pub async fn product_id(db: &Db, id_or_sku: &str) -> Result<Option<Uuid>, sqlx::Error> {
    match Uuid::parse_str(id_or_sku) {
        Ok(id) => crate::on_read!(db, |pool| sqlx::query_scalar::<_, Uuid>("SELECT id FROM products WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await),
        Err(_) => crate::on_read!(db, |pool| sqlx::query_scalar::<_, Uuid>("SELECT id FROM products WHERE sku = $1")
            .bind(id_or_sku)
            .fetch_optional(pool)
            .await),
    }
}
