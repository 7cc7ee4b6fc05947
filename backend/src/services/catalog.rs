//! The catalog (what can be bought).

use crate::domain::money::display_amount;
use crate::error::ApiError;
use crate::services::views::Product;
use crate::storage::catalog::{self, ProductRow};
use crate::storage::Db;

pub fn product_view(row: ProductRow) -> Product {
    Product {
        id: row.id,
        sku: row.sku,
        name: row.name,
        description: row.description,
        unit_price: display_amount(row.unit_price.0),
        currency: row.currency,
        active: row.active,
    }
}

pub async fn list_products(db: &Db) -> Result<Vec<Product>, ApiError> {
    Ok(catalog::list_active_products(db).await?.into_iter().map(product_view).collect())
}
