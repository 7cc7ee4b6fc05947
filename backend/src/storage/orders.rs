//! Orders, order lines, statements and the bulk insert of an order's licenses.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use sqlx::types::Json;
use uuid::Uuid;

use super::{Db, SqlDecimal, Tx};
use crate::{tx_execute, with_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrderRow {
    pub id: Uuid,
    pub number: i64,
    pub checkout_id: Uuid,
    pub placed_by: Uuid,
    pub placed_at: DateTime<Utc>,
    pub purchase_date: NaiveDate,
    pub next_billing_date: NaiveDate,
    pub currency: String,
    pub subtotal: SqlDecimal,
    pub tax: SqlDecimal,
    pub total: SqlDecimal,
    pub recurring_monthly: SqlDecimal,
    pub license_count: i32,
}

const ORDER_COLUMNS: &str = "id, number, checkout_id, placed_by, placed_at, purchase_date, next_billing_date, \
    currency, subtotal, tax, total, recurring_monthly, license_count";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrderLineRow {
    pub product_id: Uuid,
    pub sku: String,
    pub product_name: String,
    pub cost_center_id: Uuid,
    pub cost_center_code: String,
    pub quantity: i32,
    pub unit_price: SqlDecimal,
    pub monthly_amount: SqlDecimal,
    pub prorated_amount: SqlDecimal,
}

/// Reserves the next order number and `count` license numbers; returns (order number, first license number).
pub async fn reserve_numbers(tx: &mut Tx, account_id: Uuid, count: i64) -> Result<(i64, i64), sqlx::Error> {
    let sql = "UPDATE accounts SET next_order_number = next_order_number + 1, \
               next_license_number = next_license_number + $1 WHERE id = $2 \
               RETURNING next_order_number, next_license_number";
    let (next_order, next_license): (i64, i64) =
        with_tx!(tx, |conn| sqlx::query_as(sql).bind(count).bind(account_id).fetch_one(conn).await)?;
    Ok((next_order - 1, next_license - count))
}

pub async fn insert_order(tx: &mut Tx, account_id: Uuid, o: &OrderRow) -> Result<(), sqlx::Error> {
    let sql = format!("INSERT INTO orders (account_id, {ORDER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)");
    tx_execute!(
        tx,
        sqlx::query(&sql)
            .bind(account_id)
            .bind(o.id)
            .bind(o.number)
            .bind(o.checkout_id)
            .bind(o.placed_by)
            .bind(o.placed_at)
            .bind(o.purchase_date)
            .bind(o.next_billing_date)
            .bind(&o.currency)
            .bind(o.subtotal)
            .bind(o.tax)
            .bind(o.total)
            .bind(o.recurring_monthly)
            .bind(o.license_count)
    )?;
    Ok(())
}

pub async fn insert_line(tx: &mut Tx, order_id: Uuid, line: &OrderLineRow, position: i32) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO order_lines (id, order_id, product_id, cost_center_id, quantity, unit_price, \
               monthly_amount, prorated_amount, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    tx_execute!(
        tx,
        sqlx::query(sql)
            .bind(Uuid::now_v7())
            .bind(order_id)
            .bind(line.product_id)
            .bind(line.cost_center_id)
            .bind(line.quantity)
            .bind(line.unit_price)
            .bind(line.monthly_amount)
            .bind(line.prorated_amount)
            .bind(position)
    )?;
    Ok(())
}

pub async fn insert_statement(
    tx: &mut Tx,
    order_id: Uuid,
    account_id: Uuid,
    document: &Value,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO statements (order_id, account_id, document, created_at) VALUES ($1, $2, $3, $4)";
    tx_execute!(tx, sqlx::query(sql).bind(order_id).bind(account_id).bind(Json(document)).bind(now))?;
    Ok(())
}

/// One license about to be written.
pub struct NewLicense {
    pub number: i64,
    pub cost_center_id: Uuid,
    pub search_text: String,
}

/// Rows per INSERT: 4 parameters each plus 4 shared, well under both databases' limits.
const LICENSE_CHUNK: usize = 1000;

/// Writes the licenses with multi-row INSERTs; the shared columns are bound once per statement.
pub async fn insert_licenses(
    tx: &mut Tx,
    account_id: Uuid,
    product_id: Uuid,
    order_id: Uuid,
    added_at: DateTime<Utc>,
    licenses: &[NewLicense],
) -> Result<(), sqlx::Error> {
    for chunk in licenses.chunks(LICENSE_CHUNK) {
        let mut sql = String::from(
            "INSERT INTO licenses (account_id, product_id, order_id, added_at, id, number, cost_center_id, search_text) VALUES ",
        );
        for i in 0..chunk.len() {
            let p = 5 + i * 4;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!("($1, $2, $3, $4, ${}, ${}, ${}, ${})", p, p + 1, p + 2, p + 3));
        }
        // The body compiles once per backend: the bound query's type differs between them.
        with_tx!(tx, |conn| {
            let mut query = sqlx::query(&sql).bind(account_id).bind(product_id).bind(order_id).bind(added_at);
            for l in chunk {
                query = query.bind(Uuid::now_v7()).bind(l.number).bind(l.cost_center_id).bind(l.search_text.as_str());
            }
            query.execute(conn).await.map(|done| done.rows_affected())
        })?;
    }
    Ok(())
}

pub async fn page(
    db: &Db,
    account_id: Uuid,
    after: Option<(DateTime<Utc>, Uuid)>,
    fetch: i64,
) -> Result<Vec<OrderRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {ORDER_COLUMNS} FROM orders WHERE account_id = $1 \
         AND ($2 IS NULL OR placed_at < $2 OR (placed_at = $2 AND id < $3)) \
         ORDER BY placed_at DESC, id DESC LIMIT $4"
    );
    let (at, id) = match after {
        Some((at, id)) => (Some(at), Some(id)),
        None => (None, None),
    };
    crate::on_read!(db, |pool| sqlx::query_as::<_, OrderRow>(&sql)
        .bind(account_id)
        .bind(at)
        .bind(id)
        .bind(fetch)
        .fetch_all(pool)
        .await)
}

pub async fn get(db: &Db, account_id: Uuid, id: Uuid) -> Result<Option<OrderRow>, sqlx::Error> {
    let sql = format!("SELECT {ORDER_COLUMNS} FROM orders WHERE id = $1 AND account_id = $2");
    crate::on_read!(db, |pool| sqlx::query_as::<_, OrderRow>(&sql).bind(id).bind(account_id).fetch_optional(pool).await)
}

pub async fn lines(db: &Db, order_id: Uuid) -> Result<Vec<OrderLineRow>, sqlx::Error> {
    let sql = "SELECT ol.product_id, p.sku, p.name AS product_name, ol.cost_center_id, cc.code AS cost_center_code, \
               ol.quantity, ol.unit_price, ol.monthly_amount, ol.prorated_amount FROM order_lines ol \
               JOIN products p ON p.id = ol.product_id JOIN cost_centers cc ON cc.id = ol.cost_center_id \
               WHERE ol.order_id = $1 ORDER BY ol.position";
    crate::on_read!(db, |pool| sqlx::query_as::<_, OrderLineRow>(sql).bind(order_id).fetch_all(pool).await)
}

pub async fn statement(db: &Db, account_id: Uuid, order_id: Uuid) -> Result<Option<Value>, sqlx::Error> {
    let sql = "SELECT document FROM statements WHERE order_id = $1 AND account_id = $2";
    let doc: Option<Json<Value>> =
        crate::on_read!(db, |pool| sqlx::query_scalar(sql).bind(order_id).bind(account_id).fetch_optional(pool).await)?;
    Ok(doc.map(|d| d.0))
}
