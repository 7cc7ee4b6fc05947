//! "Service Billing Details": the recurring charge by product and by cost center.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use uuid::Uuid;

use crate::auth::Principal;
use crate::domain::money::display_amount;
use crate::domain::proration::BillingCycle;
use crate::domain::time::now_utc;
use crate::error::ApiError;
use crate::services::views::{BillingCostCenter, BillingDetails, BillingProduct};
use crate::storage::{accounts, billing as store, catalog, Db};

pub async fn details(db: &Db, principal: &Principal) -> Result<BillingDetails, ApiError> {
    let account = accounts::get(db, principal.account_id).await?.ok_or(ApiError::NotFound("account"))?;
    let counts = store::license_counts(db, principal.account_id).await?;
    let products = catalog::list_products(db).await?;
    let cycle = BillingCycle::containing(now_utc().date_naive(), u32::try_from(account.billing_day).unwrap_or(1));
    let price = |product_id: Uuid| products.iter().find(|p| p.id == product_id).map(|p| p.unit_price.0);

    let mut by_product: BTreeMap<Uuid, (i64, i64)> = BTreeMap::new();
    let mut by_cost_center: BTreeMap<(String, Uuid), (String, i64, Decimal)> = BTreeMap::new();
    for c in &counts {
        let entry = by_product.entry(c.product_id).or_default();
        entry.0 += c.licenses;
        entry.1 += c.assigned;
        let amount = Decimal::from(c.licenses) * price(c.product_id).unwrap_or_default();
        let cc = by_cost_center
            .entry((c.cost_center_code.to_lowercase(), c.cost_center_id))
            .or_insert_with(|| (c.cost_center_code.clone(), 0, Decimal::ZERO));
        cc.1 += c.licenses;
        cc.2 += amount;
        let _ = &c.cost_center_name;
    }
    let product_rows: Vec<BillingProduct> = products
        .iter()
        .filter(|p| p.active || by_product.contains_key(&p.id))
        .map(|p| {
            let (licenses, assigned) = by_product.get(&p.id).copied().unwrap_or_default();
            BillingProduct {
                product_id: p.id,
                sku: p.sku.clone(),
                name: p.name.clone(),
                unit_price: display_amount(p.unit_price.0),
                licenses,
                assigned,
                monthly_amount: display_amount(Decimal::from(licenses) * p.unit_price.0),
            }
        })
        .collect();
    let cost_centers: Vec<BillingCostCenter> = by_cost_center
        .into_iter()
        .map(|((_, id), (code, licenses, amount))| BillingCostCenter {
            cost_center_id: id,
            name: counts
                .iter()
                .find(|c| c.cost_center_id == id)
                .map(|c| c.cost_center_name.clone())
                .unwrap_or_default(),
            code,
            licenses,
            monthly_amount: display_amount(amount),
        })
        .collect();
    Ok(BillingDetails {
        account_name: account.name,
        billing_address: account.billing_address.lines().map(str::to_string).collect(),
        currency: account.currency,
        tax_rate: account.tax_rate.0.normalize(),
        billing_day: account.billing_day,
        current_cycle_start: cycle.previous,
        next_billing_date: cycle.next,
        total_licenses: product_rows.iter().map(|p| p.licenses).sum(),
        recurring_monthly: display_amount(product_rows.iter().map(|p| p.monthly_amount).sum()),
        products: product_rows,
        cost_centers,
    })
}
