//! "Review Order": the quote of a checkout, priced by the pure `domain::proration`.

use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::auth::Principal;
use crate::domain::money::display_amount;
use crate::domain::proration::{self, RowInput};
use crate::domain::time::now_utc;
use crate::error::ApiError;
use crate::services::checkouts;
use crate::services::views::{Quote, QuoteRow};
use crate::storage::accounts::AccountRow;
use crate::storage::checkouts::{AllocationRow, LineRow};
use crate::storage::{accounts, checkouts as store, Db};

pub async fn for_checkout(db: &Db, principal: &Principal, id: Uuid) -> Result<Quote, ApiError> {
    let mut tx = db.begin().await?;
    let row = checkouts::load(&mut tx, principal, id).await?;
    let lines = store::lines(&mut tx, row.id).await?;
    let allocations = store::allocations(&mut tx, row.id).await?;
    drop(tx);
    let account = accounts::get(db, principal.account_id).await?.ok_or(ApiError::NotFound("account"))?;
    Ok(build(id, &account, &lines, &allocations, now_utc().date_naive()))
}

/// One row per (line, allocation), plus a row without a cost center for any unallocated rest.
pub fn build(
    checkout_id: Uuid,
    account: &AccountRow,
    lines: &[LineRow],
    allocations: &[AllocationRow],
    purchase_date: NaiveDate,
) -> Quote {
    let mut rows = Vec::new();
    let mut fully_allocated = true;
    for line in lines {
        let row = |cost_center: Option<(Uuid, String)>, quantity: i32| QuoteRow {
            line_id: line.id,
            product_id: line.product_id,
            sku: line.sku.clone(),
            product_name: line.product_name.clone(),
            cost_center_id: cost_center.as_ref().map(|c| c.0),
            cost_center_code: cost_center.map(|c| c.1),
            quantity,
            unit_price: display_amount(line.unit_price.0),
            monthly_amount: Decimal::ZERO,
            prorated_amount: Decimal::ZERO,
        };
        let mut allocated = 0;
        for a in allocations.iter().filter(|a| a.line_id == line.id) {
            allocated += a.quantity;
            rows.push(row(Some((a.cost_center_id, a.cost_center_code.clone())), a.quantity));
        }
        if allocated != line.quantity {
            fully_allocated = false;
            if allocated < line.quantity {
                rows.push(row(None, line.quantity - allocated));
            }
        }
    }
    let inputs: Vec<RowInput> =
        rows.iter().map(|r| RowInput { quantity: i64::from(r.quantity), unit_price: r.unit_price }).collect();
    let billing_day = u32::try_from(account.billing_day).unwrap_or(1);
    let totals = proration::quote(&inputs, purchase_date, billing_day, account.tax_rate.0);
    for (row, charge) in rows.iter_mut().zip(&totals.rows) {
        row.monthly_amount = display_amount(charge.monthly);
        row.prorated_amount = charge.prorated;
    }
    let p = totals.proration;
    Quote {
        checkout_id,
        currency: account.currency.clone(),
        purchase_date,
        previous_billing_date: p.cycle.previous,
        next_billing_date: p.cycle.next,
        period_start: purchase_date,
        period_end: p.cycle.next - Duration::days(1),
        days_charged: p.charged_days,
        days_in_cycle: p.cycle_days,
        proration_factor: p.factor(),
        rows,
        subtotal: totals.subtotal,
        tax_rate: account.tax_rate.0.normalize(),
        tax: totals.tax,
        total: totals.total,
        recurring_monthly: display_amount(totals.recurring_monthly),
        fully_allocated,
    }
}
