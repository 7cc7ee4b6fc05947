//! Reading orders and statements.

use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

use crate::auth::Principal;
use crate::error::ApiError;
use crate::routes::pagination::{decode_cursor, into_page, Page};
use crate::services::place_order::order_view;
use crate::services::views::Order;
use crate::storage::{orders as store, Db};

pub async fn list(db: &Db, principal: &Principal, cursor: Option<&str>, limit: u32) -> Result<Page<Order>, ApiError> {
    let after = cursor.map(decode_cursor::<(DateTime<Utc>, Uuid)>).transpose()?;
    let rows = store::page(db, principal.account_id, after, i64::from(limit) + 1).await?;
    let page = into_page(rows, limit, |o| (o.placed_at, o.id));
    Ok(Page { items: page.items.iter().map(|o| order_view(o, None)).collect(), next_cursor: page.next_cursor })
}

pub async fn get(db: &Db, principal: &Principal, id: Uuid) -> Result<Order, ApiError> {
    let order = store::get(db, principal.account_id, id).await?.ok_or(ApiError::NotFound("order"))?;
    let lines = store::lines(db, id).await?;
    Ok(order_view(&order, Some(&lines)))
}

/// The statement exactly as written with the order.
pub async fn statement(db: &Db, principal: &Principal, id: Uuid) -> Result<Value, ApiError> {
    store::statement(db, principal.account_id, id).await?.ok_or(ApiError::NotFound("statement"))
}
