//! "Who holds what": seat counts per product, per cost center and in total.

use uuid::Uuid;

use crate::error::ApiError;
use crate::routes::license_models::{CostCenterUsage, LicenseSummary, ProductUsage, SeatCounts};
use crate::storage::licenses_usage::{self as store, UsageRow};
use crate::storage::Db;

fn seats(row: &UsageRow) -> SeatCounts {
    SeatCounts { purchased: row.purchased, assigned: row.assigned, available: row.purchased - row.assigned }
}

pub async fn summarize(db: &Db, account_id: Uuid) -> Result<LicenseSummary, ApiError> {
    let products = store::by_product(db, account_id).await?;
    let cost_centers = store::by_cost_center(db, account_id).await?;
    let purchased: i64 = products.iter().map(|p| p.purchased).sum();
    let assigned: i64 = products.iter().map(|p| p.assigned).sum();
    Ok(LicenseSummary {
        total: SeatCounts { purchased, assigned, available: purchased - assigned },
        by_product: products
            .iter()
            .map(|p| ProductUsage { product_id: p.id, sku: p.code.clone(), name: p.name.clone(), seats: seats(p) })
            .collect(),
        by_cost_center: cost_centers
            .iter()
            .map(|c| CostCenterUsage {
                cost_center_id: c.id,
                code: c.code.clone(),
                name: c.name.clone(),
                seats: seats(c),
            })
            .collect(),
    })
}
