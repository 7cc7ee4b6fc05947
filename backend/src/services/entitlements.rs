//! Entitlement checks: may this user use a product now, and through which license.

use uuid::Uuid;

use crate::domain::license::license_number;
use crate::domain::time::now_utc;
use crate::error::ApiError;
use crate::routes::license_models::{Entitlement, UserEntitlements};
use crate::storage::licenses_usage as store;
use crate::storage::Db;

pub const LIVE_REPORTS_SKU: &str = "LIVE_REPORTS";

/// The user's licenses; the check time becomes their `last_used_at` so idle seats show up.
pub async fn check(db: &Db, account_id: Uuid, user_id: Uuid) -> Result<UserEntitlements, ApiError> {
    let checked_at = now_utc();
    let mut tx = db.begin().await?;
    let status = store::user_status(&mut tx, account_id, user_id).await?.ok_or(ApiError::NotFound("user"))?;
    // Disabling a user releases their licenses, so a disabled user normally holds none.
    let held = if status == "active" { store::held_by(&mut tx, account_id, user_id).await? } else { Vec::new() };
    if !held.is_empty() {
        store::touch(&mut tx, account_id, user_id, checked_at).await?;
    }
    tx.commit().await?;
    let entitlements: Vec<Entitlement> = held
        .into_iter()
        .map(|l| Entitlement {
            product_id: l.product_id,
            sku: l.sku,
            product_name: l.product_name,
            license_id: l.id,
            license_number: license_number(l.number),
        })
        .collect();
    Ok(UserEntitlements {
        user_id,
        live_reports: entitlements.iter().any(|e| e.sku == LIVE_REPORTS_SKU),
        entitlements,
        checked_at,
    })
}
