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

pub async fn get(db: &Db, account_id: Uuid, id: Uuid) -> Result<Option<LicenseRow>, sqlx::Error> {
    let sql = format!("SELECT {LICENSE_COLUMNS} FROM licenses l {LICENSE_JOINS} WHERE l.account_id = $1 AND l.id = $2");
    crate::on_read!(db, |pool| sqlx::query_as::<_, LicenseRow>(&sql)
        .bind(account_id)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

/// The same, inside a write transaction (to answer with the row as committed).
pub async fn get_in(tx: &mut Tx, account_id: Uuid, id: Uuid) -> Result<Option<LicenseRow>, sqlx::Error> {
    let sql = format!("SELECT {LICENSE_COLUMNS} FROM licenses l {LICENSE_JOINS} WHERE l.account_id = $1 AND l.id = $2");
    with_tx!(tx, |conn| sqlx::query_as::<_, LicenseRow>(&sql).bind(account_id).bind(id).fetch_optional(conn).await)
}

/// What a change needs to know about a license.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LicenseCore {
    pub id: Uuid,
    pub number: i64,
    pub product_id: Uuid,
    pub assignee_id: Option<Uuid>,
    pub cost_center_id: Uuid,
    pub cost_center_code: String,
}

const SELECT_CORE: &str = "SELECT l.id, l.number, l.product_id, l.assignee_id, l.cost_center_id, \
    c.code AS cost_center_code FROM licenses l JOIN cost_centers c ON c.id = l.cost_center_id";

pub async fn core(tx: &mut Tx, account_id: Uuid, id: Uuid) -> Result<Option<LicenseCore>, sqlx::Error> {
    let sql = format!("{SELECT_CORE} WHERE l.account_id = $1 AND l.id = $2");
    with_tx!(tx, |conn| sqlx::query_as::<_, LicenseCore>(&sql).bind(account_id).bind(id).fetch_optional(conn).await)
}

/// The oldest free license of a product. On PostgreSQL the row is locked and rows other
/// transactions are taking are skipped, so concurrent callers each get a different seat.
pub async fn oldest_free(tx: &mut Tx, account_id: Uuid, product_id: Uuid) -> Result<Option<LicenseCore>, sqlx::Error> {
    let lock = if tx.dialect() == Dialect::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" };
    let sql = format!(
        "{SELECT_CORE} WHERE l.id = (SELECT f.id FROM licenses f \
         WHERE f.account_id = $1 AND f.product_id = $2 AND f.assignee_id IS NULL \
         ORDER BY f.added_at, f.id LIMIT 1{lock})"
    );
    with_tx!(tx, |conn| sqlx::query_as::<_, LicenseCore>(&sql)
        .bind(account_id)
        .bind(product_id)
        .fetch_optional(conn)
        .await)
}

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
    tx_execute!(
        tx,
        sqlx::query(
            "UPDATE licenses SET assignee_id = $1, assigned_at = $2, search_text = $3 \
             WHERE id = $4 AND account_id = $5 AND assignee_id IS NULL"
        )
        .bind(user_id)
        .bind(now)
        .bind(search_text)
        .bind(id)
        .bind(account_id)
    )
}

/// Frees a license still held by `holder`; 0 rows when it is not (any more).
pub async fn clear_assignee(
    tx: &mut Tx,
    account_id: Uuid,
    id: Uuid,
    holder: Uuid,
    search_text: &str,
) -> Result<u64, sqlx::Error> {
    tx_execute!(
        tx,
        sqlx::query(
            "UPDATE licenses SET assignee_id = NULL, assigned_at = NULL, last_used_at = NULL, search_text = $1 \
             WHERE id = $2 AND account_id = $3 AND assignee_id = $4"
        )
        .bind(search_text)
        .bind(id)
        .bind(account_id)
        .bind(holder)
    )
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

pub async fn holder(tx: &mut Tx, account_id: Uuid, user_id: Uuid) -> Result<Option<Holder>, sqlx::Error> {
    with_tx!(tx, |conn| sqlx::query_as::<_, Holder>(
        "SELECT id, name, email, ext, status FROM directory_users WHERE account_id = $1 AND id = $2"
    )
    .bind(account_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await)
}

/// A cost center of the account: (id, code).
pub async fn cost_center_code(tx: &mut Tx, account_id: Uuid, id: Uuid) -> Result<Option<String>, sqlx::Error> {
    with_tx!(tx, |conn| sqlx::query_scalar::<_, String>(
        "SELECT code FROM cost_centers WHERE account_id = $1 AND id = $2"
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
