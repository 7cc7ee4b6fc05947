//! Products and carts.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Db, SqlDecimal, Tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProductRow {
    pub id: Uuid,
    pub sku: String,
    pub name: String,
    pub description: String,
    pub unit_price: SqlDecimal,
    pub currency: String,
    pub active: bool,
}

const PRODUCT_COLUMNS: &str = "id, sku, name, description, unit_price, currency, active";

pub async fn list_active_products(db: &Db) -> Result<Vec<ProductRow>, sqlx::Error> {
    let sql = format!("SELECT {PRODUCT_COLUMNS} FROM products WHERE active = TRUE ORDER BY name, id");
    crate::on_read!(db, |pool| sqlx::query_as::<_, ProductRow>(&sql).fetch_all(pool).await)
}

pub async fn list_products(db: &Db) -> Result<Vec<ProductRow>, sqlx::Error> {
    let sql = format!("SELECT {PRODUCT_COLUMNS} FROM products ORDER BY name, id");
    crate::on_read!(db, |pool| sqlx::query_as::<_, ProductRow>(&sql).fetch_all(pool).await)
}

pub async fn get_active_product(db: &Db, id: Uuid) -> Result<Option<ProductRow>, sqlx::Error> {
    let sql = format!("SELECT {PRODUCT_COLUMNS} FROM products WHERE id = $1 AND active = TRUE");
    crate::on_read!(db, |pool| sqlx::query_as::<_, ProductRow>(&sql).bind(id).fetch_optional(pool).await)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CartRow {
    pub product_id: Uuid,
    pub sku: String,
    pub name: String,
    pub quantity: i32,
    pub unit_price: SqlDecimal,
    pub active: bool,
    pub updated_at: DateTime<Utc>,
}

const CART_SELECT: &str = "SELECT c.product_id, p.sku, p.name, c.quantity, p.unit_price, p.active, c.updated_at \
    FROM cart_items c JOIN products p ON p.id = c.product_id \
    WHERE c.principal_id = $1 AND c.account_id = $2 ORDER BY p.name, p.id";

pub async fn cart_items(db: &Db, principal_id: Uuid, account_id: Uuid) -> Result<Vec<CartRow>, sqlx::Error> {
    crate::on_read!(db, |pool| sqlx::query_as::<_, CartRow>(CART_SELECT)
        .bind(principal_id)
        .bind(account_id)
        .fetch_all(pool)
        .await)
}

pub async fn cart_items_tx(tx: &mut Tx, principal_id: Uuid, account_id: Uuid) -> Result<Vec<CartRow>, sqlx::Error> {
    crate::with_tx!(tx, |conn| sqlx::query_as::<_, CartRow>(CART_SELECT)
        .bind(principal_id)
        .bind(account_id)
        .fetch_all(conn)
        .await)
}

pub async fn set_cart_item(
    db: &Db,
    account_id: Uuid,
    principal_id: Uuid,
    product_id: Uuid,
    quantity: i32,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO cart_items (account_id, principal_id, product_id, quantity, updated_at) \
               VALUES ($1, $2, $3, $4, $5) ON CONFLICT (principal_id, product_id) \
               DO UPDATE SET quantity = excluded.quantity, updated_at = excluded.updated_at";
    crate::db_execute!(
        db,
        sqlx::query(sql).bind(account_id).bind(principal_id).bind(product_id).bind(quantity).bind(now)
    )?;
    Ok(())
}

pub async fn remove_cart_item(db: &Db, principal_id: Uuid, product_id: Uuid) -> Result<(), sqlx::Error> {
    let sql = "DELETE FROM cart_items WHERE principal_id = $1 AND product_id = $2";
    crate::db_execute!(db, sqlx::query(sql).bind(principal_id).bind(product_id))?;
    Ok(())
}

pub async fn clear_cart(tx: &mut Tx, principal_id: Uuid) -> Result<(), sqlx::Error> {
    crate::tx_execute!(tx, sqlx::query("DELETE FROM cart_items WHERE principal_id = $1").bind(principal_id))?;
    Ok(())
}
