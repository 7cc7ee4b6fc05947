//! Licenses, users and cost centers written straight into the test database (the purchase
//! API is not needed to test the inventory).

// Shared by several license test modules; each uses part of it.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use seatdesk::domain::license::search_text;
use uuid::Uuid;

use crate::helpers::TestApp;

#[derive(Debug, Clone)]
pub struct User {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub ext: String,
}

#[derive(Debug, Clone)]
pub struct CostCenter {
    pub id: Uuid,
    pub code: String,
}

pub async fn account(app: &TestApp, name: &str) -> Uuid {
    let name = name.to_string();
    seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar::<_, Uuid>("SELECT id FROM accounts WHERE name = $1")
        .bind(&name)
        .fetch_one(pool)
        .await)
    .unwrap()
}

pub async fn product(app: &TestApp) -> Uuid {
    seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar::<_, Uuid>(
        "SELECT id FROM products WHERE sku = 'LIVE_REPORTS'"
    )
    .fetch_one(pool)
    .await)
    .unwrap()
}

/// A second product, to test per-product rules.
pub async fn insert_product(app: &TestApp, sku: &str) -> Uuid {
    let id = Uuid::now_v7();
    let sku = sku.to_string();
    seatdesk::on_write!(&app.db, |pool| sqlx::query(
        "INSERT INTO products (id, sku, name, description, unit_price, currency, active, created_at) \
         VALUES ($1, $2, $2, '', $3, 'USD', TRUE, $4)"
    )
    .bind(id)
    .bind(&sku)
    .bind(seatdesk::storage::SqlDecimal(rust_decimal::Decimal::new(500, 2)))
    .bind(Utc::now())
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    id
}

pub async fn cost_centers(app: &TestApp, account: Uuid) -> Vec<CostCenter> {
    let rows: Vec<(Uuid, String)> = seatdesk::on_read!(&app.db, |pool| sqlx::query_as(
        "SELECT id, code FROM cost_centers WHERE account_id = $1 ORDER BY code"
    )
    .bind(account)
    .fetch_all(pool)
    .await)
    .unwrap();
    rows.into_iter().map(|(id, code)| CostCenter { id, code }).collect()
}

pub async fn insert_cost_center(app: &TestApp, account: Uuid, code: &str) -> CostCenter {
    let id = Uuid::now_v7();
    let code = code.to_string();
    seatdesk::on_write!(&app.db, |pool| sqlx::query(
        "INSERT INTO cost_centers (id, account_id, code, name, created_at, updated_at) VALUES ($1, $2, $3, $3, $4, $4)"
    )
    .bind(id)
    .bind(account)
    .bind(&code)
    .bind(Utc::now())
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    CostCenter { id, code }
}

pub async fn users(app: &TestApp, account: Uuid) -> Vec<User> {
    let rows: Vec<(Uuid, String, String, String)> = seatdesk::on_read!(&app.db, |pool| sqlx::query_as(
        "SELECT id, name, email, ext FROM directory_users WHERE account_id = $1 ORDER BY ext"
    )
    .bind(account)
    .fetch_all(pool)
    .await)
    .unwrap();
    rows.into_iter().map(|(id, name, email, ext)| User { id, name, email, ext }).collect()
}

pub async fn insert_user(app: &TestApp, account: Uuid, name: &str, email: &str, ext: &str) -> User {
    let id = Uuid::now_v7();
    let (n, e, x) = (name.to_string(), email.to_string(), ext.to_string());
    seatdesk::on_write!(&app.db, |pool| sqlx::query(
        "INSERT INTO directory_users (id, account_id, name, email, ext, kind, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'user', 'active', $6, $6)"
    )
    .bind(id)
    .bind(account)
    .bind(&n)
    .bind(&e)
    .bind(&x)
    .bind(Utc::now())
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    User { id, name: n, email: e, ext: x }
}

pub async fn disable_user(app: &TestApp, user: Uuid) {
    seatdesk::on_write!(&app.db, |pool| sqlx::query("UPDATE directory_users SET status = 'disabled' WHERE id = $1")
        .bind(user)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
}

pub async fn next_number(app: &TestApp, account: Uuid) -> i64 {
    let max: Option<i64> = seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar(
        "SELECT MAX(number) FROM licenses WHERE account_id = $1"
    )
    .bind(account)
    .fetch_one(pool)
    .await)
    .unwrap();
    max.unwrap_or(0) + 1
}

/// A license written directly; returns its id.
#[allow(clippy::too_many_arguments)]
pub async fn insert_license(
    app: &TestApp,
    account: Uuid,
    number: i64,
    product: Uuid,
    cc: &CostCenter,
    added_at: DateTime<Utc>,
    assignee: Option<&User>,
    last_used_at: Option<DateTime<Utc>>,
) -> Uuid {
    let id = Uuid::now_v7();
    let text = search_text(number, &cc.code, assignee.map(|u| (u.name.as_str(), u.email.as_str(), u.ext.as_str())));
    let assigned_at = assignee.map(|_| added_at);
    seatdesk::on_write!(&app.db, |pool| sqlx::query(
        "INSERT INTO licenses (id, account_id, number, product_id, cost_center_id, added_at, assignee_id, \
         assigned_at, last_used_at, search_text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    )
    .bind(id)
    .bind(account)
    .bind(number)
    .bind(product)
    .bind(cc.id)
    .bind(added_at)
    .bind(assignee.map(|u| u.id))
    .bind(assigned_at)
    .bind(last_used_at)
    .bind(&text)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    id
}

/// Audit events of an action (e.g. `license.assign`) about an object.
pub async fn audit_count(app: &TestApp, action: &str, object_id: Uuid) -> i64 {
    let (action, object) = (action.to_string(), object_id.to_string());
    seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM audit_events WHERE action = $1 AND object_id = $2"
    )
    .bind(&action)
    .bind(&object)
    .fetch_one(pool)
    .await)
    .unwrap()
}

/// Free licenses of the account, oldest first.
pub async fn free_licenses(app: &TestApp, account: Uuid) -> Vec<Uuid> {
    seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar::<_, Uuid>(
        "SELECT id FROM licenses WHERE account_id = $1 AND assignee_id IS NULL ORDER BY added_at, id"
    )
    .bind(account)
    .fetch_all(pool)
    .await)
    .unwrap()
}

/// Holders of licenses: user id → how many licenses of `product` they hold.
pub async fn holdings(app: &TestApp, product: Uuid) -> Vec<(Uuid, i64)> {
    seatdesk::on_read!(&app.db, |pool| sqlx::query_as::<_, (Uuid, i64)>(
        "SELECT assignee_id, COUNT(*) FROM licenses WHERE product_id = $1 AND assignee_id IS NOT NULL GROUP BY assignee_id"
    )
    .bind(product)
    .fetch_all(pool)
    .await)
    .unwrap()
}
