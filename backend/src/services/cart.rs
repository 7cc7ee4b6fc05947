//! The caller's cart: one per principal (member or API client).

use rust_decimal::Decimal;
use uuid::Uuid;

use crate::auth::Principal;
use crate::domain::money::display_amount;
use crate::domain::time::now_utc;
use crate::error::ApiError;
use crate::services::views::{Cart, CartItem};
use crate::storage::{accounts, catalog, Db};

pub async fn get(db: &Db, principal: &Principal) -> Result<Cart, ApiError> {
    let account = accounts::get(db, principal.account_id).await?.ok_or(ApiError::NotFound("account"))?;
    let rows = catalog::cart_items(db, principal.id(), principal.account_id).await?;
    let items: Vec<CartItem> = rows
        .into_iter()
        .map(|r| CartItem {
            product_id: r.product_id,
            sku: r.sku,
            product_name: r.name,
            quantity: r.quantity,
            unit_price: display_amount(r.unit_price.0),
            monthly_amount: display_amount(Decimal::from(r.quantity) * r.unit_price.0),
            updated_at: r.updated_at,
        })
        .collect();
    let monthly_total = display_amount(items.iter().map(|i| i.monthly_amount).sum());
    Ok(Cart { items, monthly_total, currency: account.currency })
}

/// Sets a line's quantity (1–10,000, checked by the route); unknown or inactive product is 404.
pub async fn set_quantity(db: &Db, principal: &Principal, product_id: Uuid, quantity: i32) -> Result<Cart, ApiError> {
    catalog::get_active_product(db, product_id).await?.ok_or(ApiError::NotFound("product"))?;
    catalog::set_cart_item(db, principal.account_id, principal.id(), product_id, quantity, now_utc()).await?;
    get(db, principal).await
}

pub async fn remove(db: &Db, principal: &Principal, product_id: Uuid) -> Result<Cart, ApiError> {
    catalog::remove_cart_item(db, principal.id(), product_id).await?;
    get(db, principal).await
}
