//! The demo's 12 licenses were bought through a real order: its checkout, order lines and
//! statement are written here, priced by the same quote code as a live purchase.

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::domain::license::license_number;
use crate::services::{place_order, quote, statement};
use crate::storage::accounts::AccountRow;
use crate::storage::checkouts::{AllocationRow, LineRow};
use crate::storage::orders::{self, OrderRow};
use crate::storage::{SqlDecimal, Tx};
use crate::{tx_execute, with_tx};

#[derive(sqlx::FromRow)]
struct Bought {
    cost_center_id: Uuid,
    cost_center_code: String,
    cost_center_name: String,
    licenses: i64,
}

/// Records order 1 for the account's unordered licenses (all of `product_id`), placed at `placed_at` by `placed_by`.
pub async fn record(
    tx: &mut Tx,
    account_id: Uuid,
    product_id: Uuid,
    placed_by: Uuid,
    placed_at: DateTime<Utc>,
) -> anyhow::Result<()> {
    let account: AccountRow = with_tx!(tx, |c| sqlx::query_as(
        "SELECT id, name, currency, tax_rate, billing_day, billing_address, created_at FROM accounts WHERE id = $1"
    )
    .bind(account_id)
    .fetch_one(c)
    .await)?;
    let (sku, name, price): (String, String, SqlDecimal) =
        with_tx!(tx, |c| sqlx::query_as("SELECT sku, name, unit_price FROM products WHERE id = $1")
            .bind(product_id)
            .fetch_one(c)
            .await)?;
    let bought: Vec<Bought> = with_tx!(tx, |c| sqlx::query_as(
        "SELECT l.cost_center_id, cc.code AS cost_center_code, cc.name AS cost_center_name, COUNT(*) AS licenses \
         FROM licenses l JOIN cost_centers cc ON cc.id = l.cost_center_id \
         WHERE l.account_id = $1 AND l.order_id IS NULL GROUP BY l.cost_center_id, cc.code, cc.name ORDER BY cc.code"
    )
    .bind(account_id)
    .fetch_all(c)
    .await)?;
    let count: i64 = bought.iter().map(|b| b.licenses).sum();

    let checkout_id = Uuid::now_v7();
    let created = placed_at - Duration::minutes(10);
    tx_execute!(
        tx,
        sqlx::query(
            "INSERT INTO checkouts (id, account_id, principal_id, status, created_at, expires_at, completed_at) \
             VALUES ($1, $2, $3, 'completed', $4, $5, $6)"
        )
        .bind(checkout_id)
        .bind(account_id)
        .bind(placed_by)
        .bind(created)
        .bind(created + Duration::hours(24))
        .bind(placed_at)
    )?;
    let line =
        LineRow { id: Uuid::now_v7(), product_id, sku, product_name: name, quantity: count as i32, unit_price: price };
    crate::storage::checkouts::insert_line(tx, checkout_id, &line, 0).await?;
    let mut allocations = Vec::new();
    for b in &bought {
        crate::storage::checkouts::insert_allocation(tx, line.id, b.cost_center_id, b.licenses as i32).await?;
        allocations.push(AllocationRow {
            line_id: line.id,
            cost_center_id: b.cost_center_id,
            cost_center_code: b.cost_center_code.clone(),
            cost_center_name: b.cost_center_name.clone(),
            quantity: b.licenses as i32,
        });
    }

    let quote = quote::build(checkout_id, &account, &[line], &allocations, placed_at.date_naive());
    let order = OrderRow {
        id: Uuid::now_v7(),
        number: 1,
        checkout_id,
        placed_by,
        placed_at,
        purchase_date: quote.purchase_date,
        next_billing_date: quote.next_billing_date,
        currency: quote.currency.clone(),
        subtotal: SqlDecimal(quote.subtotal),
        tax: SqlDecimal(quote.tax),
        total: SqlDecimal(quote.total),
        recurring_monthly: SqlDecimal(quote.recurring_monthly),
        license_count: count as i32,
    };
    orders::insert_order(tx, account_id, &order).await?;
    for (position, order_line) in place_order::order_lines(&quote).iter().enumerate() {
        orders::insert_line(tx, order.id, order_line, position as i32).await?;
    }
    let first_last: (i64, i64) = with_tx!(tx, |c| sqlx::query_as(
        "SELECT MIN(number), MAX(number) FROM licenses WHERE account_id = $1 AND order_id IS NULL"
    )
    .bind(account_id)
    .fetch_one(c)
    .await)?;
    let numbers = (license_number(first_last.0), license_number(first_last.1));
    let document = statement::document(&account, &order, &quote, &allocations, numbers);
    orders::insert_statement(tx, order.id, account_id, &document, placed_at).await?;
    tx_execute!(
        tx,
        sqlx::query("UPDATE licenses SET order_id = $1 WHERE account_id = $2 AND order_id IS NULL")
            .bind(order.id)
            .bind(account_id)
    )?;
    tx_execute!(tx, sqlx::query("UPDATE accounts SET next_order_number = 2 WHERE id = $1").bind(account_id))?;
    Ok(())
}
