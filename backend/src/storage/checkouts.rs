//! Checkouts, their lines and the lines' cost-center allocations.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Dialect, SqlDecimal, Tx};
use crate::{tx_execute, with_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CheckoutRow {
    pub id: Uuid,
    pub account_id: Uuid,
    pub principal_id: Uuid,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    pub order_id: Option<Uuid>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LineRow {
    pub id: Uuid,
    pub product_id: Uuid,
    pub sku: String,
    pub product_name: String,
    pub quantity: i32,
    pub unit_price: SqlDecimal,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AllocationRow {
    pub line_id: Uuid,
    pub cost_center_id: Uuid,
    pub cost_center_code: String,
    pub cost_center_name: String,
    pub quantity: i32,
}

/// The caller's checkout, row-locked on PostgreSQL so concurrent changes to it queue up.
pub async fn get_for_update(
    tx: &mut Tx,
    account_id: Uuid,
    principal_id: Uuid,
    id: Uuid,
) -> Result<Option<CheckoutRow>, sqlx::Error> {
    let lock = if tx.dialect() == Dialect::Postgres { " FOR UPDATE OF c" } else { "" };
    let sql = format!(
        "SELECT c.id, c.account_id, c.principal_id, c.status, c.created_at, c.expires_at, c.completed_at, \
         o.id AS order_id FROM checkouts c LEFT JOIN orders o ON o.checkout_id = c.id \
         WHERE c.id = $1 AND c.account_id = $2 AND c.principal_id = $3{lock}"
    );
    with_tx!(tx, |conn| sqlx::query_as::<_, CheckoutRow>(&sql)
        .bind(id)
        .bind(account_id)
        .bind(principal_id)
        .fetch_optional(conn)
        .await)
}

pub async fn insert(tx: &mut Tx, row: &CheckoutRow) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO checkouts (id, account_id, principal_id, status, created_at, expires_at) \
               VALUES ($1, $2, $3, 'open', $4, $5)";
    tx_execute!(
        tx,
        sqlx::query(sql)
            .bind(row.id)
            .bind(row.account_id)
            .bind(row.principal_id)
            .bind(row.created_at)
            .bind(row.expires_at)
    )?;
    Ok(())
}

pub async fn insert_line(tx: &mut Tx, checkout_id: Uuid, line: &LineRow, position: i32) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO checkout_lines (id, checkout_id, product_id, quantity, unit_price, position) \
               VALUES ($1, $2, $3, $4, $5, $6)";
    tx_execute!(
        tx,
        sqlx::query(sql)
            .bind(line.id)
            .bind(checkout_id)
            .bind(line.product_id)
            .bind(line.quantity)
            .bind(line.unit_price)
            .bind(position)
    )?;
    Ok(())
}

pub async fn lines(tx: &mut Tx, checkout_id: Uuid) -> Result<Vec<LineRow>, sqlx::Error> {
    let sql = "SELECT l.id, l.product_id, p.sku, p.name AS product_name, l.quantity, l.unit_price \
               FROM checkout_lines l JOIN products p ON p.id = l.product_id \
               WHERE l.checkout_id = $1 ORDER BY l.position, l.id";
    with_tx!(tx, |conn| sqlx::query_as::<_, LineRow>(sql).bind(checkout_id).fetch_all(conn).await)
}

/// Allocations of every line of the checkout, by line then cost-center code.
pub async fn allocations(tx: &mut Tx, checkout_id: Uuid) -> Result<Vec<AllocationRow>, sqlx::Error> {
    let sql = "SELECT a.line_id, a.cost_center_id, cc.code AS cost_center_code, cc.name AS cost_center_name, \
               a.quantity FROM checkout_allocations a \
               JOIN checkout_lines l ON l.id = a.line_id \
               JOIN cost_centers cc ON cc.id = a.cost_center_id \
               WHERE l.checkout_id = $1 ORDER BY l.position, lower(cc.code), cc.id";
    with_tx!(tx, |conn| sqlx::query_as::<_, AllocationRow>(sql).bind(checkout_id).fetch_all(conn).await)
}

pub async fn set_line_quantity(tx: &mut Tx, line_id: Uuid, quantity: i32) -> Result<(), sqlx::Error> {
    tx_execute!(tx, sqlx::query("UPDATE checkout_lines SET quantity = $1 WHERE id = $2").bind(quantity).bind(line_id))?;
    Ok(())
}

pub async fn clear_allocations(tx: &mut Tx, line_id: Uuid) -> Result<(), sqlx::Error> {
    tx_execute!(tx, sqlx::query("DELETE FROM checkout_allocations WHERE line_id = $1").bind(line_id))?;
    Ok(())
}

pub async fn insert_allocation(
    tx: &mut Tx,
    line_id: Uuid,
    cost_center_id: Uuid,
    quantity: i32,
) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO checkout_allocations (line_id, cost_center_id, quantity) VALUES ($1, $2, $3)";
    tx_execute!(tx, sqlx::query(sql).bind(line_id).bind(cost_center_id).bind(quantity))?;
    Ok(())
}

/// The account's currency, read in the transaction (so a view needs no second connection).
pub async fn account_currency(tx: &mut Tx, account_id: Uuid) -> Result<String, sqlx::Error> {
    let sql = "SELECT currency FROM accounts WHERE id = $1";
    with_tx!(tx, |conn| sqlx::query_scalar(sql).bind(account_id).fetch_one(conn).await)
}

/// Records that an open checkout has passed its expiry (expiry is noticed lazily, on access).
pub async fn mark_expired(tx: &mut Tx, id: Uuid, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let sql = "UPDATE checkouts SET status = 'expired' WHERE id = $1 AND status = 'open' AND expires_at <= $2";
    tx_execute!(tx, sqlx::query(sql).bind(id).bind(now))?;
    Ok(())
}

/// Marks the checkout completed if it is still open and unexpired; false when it was not.
pub async fn mark_completed(
    tx: &mut Tx,
    account_id: Uuid,
    principal_id: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE checkouts SET status = 'completed', completed_at = $1 \
               WHERE id = $2 AND account_id = $3 AND principal_id = $4 AND status = 'open' AND expires_at > $1";
    Ok(tx_execute!(tx, sqlx::query(sql).bind(now).bind(id).bind(account_id).bind(principal_id))? == 1)
}
