//! Seat counts and entitlement checks.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Db, Tx};
use crate::{tx_execute, with_tx};

/// Seats of one product or cost center.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UsageRow {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub purchased: i64,
    pub assigned: i64,
}

pub async fn by_product(db: &Db, account_id: Uuid) -> Result<Vec<UsageRow>, sqlx::Error> {
    let sql = "SELECT p.id, p.sku AS code, p.name, COUNT(*) AS purchased, COUNT(l.assignee_id) AS assigned \
               FROM licenses l JOIN products p ON p.id = l.product_id WHERE l.account_id = $1 \
               GROUP BY p.id, p.sku, p.name ORDER BY p.sku";
    crate::on_read!(db, |pool| sqlx::query_as::<_, UsageRow>(sql).bind(account_id).fetch_all(pool).await)
}

/// Every cost center of the account, also those without licenses.
pub async fn by_cost_center(db: &Db, account_id: Uuid) -> Result<Vec<UsageRow>, sqlx::Error> {
    let sql = "SELECT c.id, c.code, c.name, COUNT(l.id) AS purchased, COUNT(l.assignee_id) AS assigned \
               FROM cost_centers c LEFT JOIN licenses l ON l.cost_center_id = c.id AND l.account_id = c.account_id \
               WHERE c.account_id = $1 GROUP BY c.id, c.code, c.name ORDER BY c.code";
    crate::on_read!(db, |pool| sqlx::query_as::<_, UsageRow>(sql).bind(account_id).fetch_all(pool).await)
}

/// A license a user holds.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HeldLicense {
    pub id: Uuid,
    pub number: i64,
    pub product_id: Uuid,
    pub sku: String,
    pub product_name: String,
}

/// The user's status (`None`: no such user in the account).
pub async fn user_status(tx: &mut Tx, account_id: Uuid, user_id: Uuid) -> Result<Option<String>, sqlx::Error> {
    with_tx!(tx, |conn| sqlx::query_scalar::<_, String>(
        "SELECT status FROM directory_users WHERE account_id = $1 AND id = $2"
    )
    .bind(account_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await)
}

pub async fn held_by(tx: &mut Tx, account_id: Uuid, user_id: Uuid) -> Result<Vec<HeldLicense>, sqlx::Error> {
    with_tx!(tx, |conn| sqlx::query_as::<_, HeldLicense>(
        "SELECT l.id, l.number, l.product_id, p.sku, p.name AS product_name FROM licenses l \
         JOIN products p ON p.id = l.product_id WHERE l.account_id = $1 AND l.assignee_id = $2 ORDER BY p.sku"
    )
    .bind(account_id)
    .bind(user_id)
    .fetch_all(conn)
    .await)
}

/// Records an entitlement check on every license the user holds.
pub async fn touch(tx: &mut Tx, account_id: Uuid, user_id: Uuid, at: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    tx_execute!(
        tx,
        sqlx::query("UPDATE licenses SET last_used_at = $1 WHERE account_id = $2 AND assignee_id = $3")
            .bind(at)
            .bind(account_id)
            .bind(user_id)
    )
}
