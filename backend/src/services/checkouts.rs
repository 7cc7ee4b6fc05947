//! Checkouts: a 24-hour snapshot of the cart whose lines are allocated to cost centers.
//!
//! Expiry is lazy: an open checkout past `expires_at` is shown as `expired` and refuses changes.
//! Changing a line's quantity moves a single whole-line allocation along with it and clears a
//! split (which would no longer sum): the admin splits again.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::auth::Principal;
use crate::domain::money::display_amount;
use crate::domain::time::now_utc;
use crate::error::ApiError;
use crate::services::views::{Allocation, Checkout, CheckoutLine, CheckoutStatus};
use crate::storage::audit::{self, NewAuditEvent};
use crate::storage::checkouts::{self as store, AllocationRow, CheckoutRow, LineRow};
use crate::storage::{catalog, cost_centers, Db, Tx};

pub const LIFETIME_HOURS: i64 = 24;

pub fn status_of(row: &CheckoutRow, now: DateTime<Utc>) -> CheckoutStatus {
    match row.status.as_str() {
        "completed" => CheckoutStatus::Completed,
        "open" if row.expires_at > now => CheckoutStatus::Open,
        _ => CheckoutStatus::Expired,
    }
}

/// The caller's checkout (404 for anyone else's), locked for the transaction.
pub async fn load(tx: &mut Tx, principal: &Principal, id: Uuid) -> Result<CheckoutRow, ApiError> {
    store::get_for_update(tx, principal.account_id, principal.id(), id).await?.ok_or(ApiError::NotFound("checkout"))
}

/// 409 unless the checkout can still change.
pub fn ensure_open(row: &CheckoutRow, now: DateTime<Utc>) -> Result<(), ApiError> {
    match status_of(row, now) {
        CheckoutStatus::Open => Ok(()),
        CheckoutStatus::Completed => {
            Err(ApiError::conflict("checkout_completed", "this checkout is already completed"))
        }
        CheckoutStatus::Expired => Err(ApiError::conflict(
            "checkout_expired",
            "this checkout expired 24 hours after it was created; check out again",
        )),
    }
}

pub async fn create(db: &Db, principal: &Principal, request_id: &str) -> Result<Checkout, ApiError> {
    let mut tx = db.begin().await?;
    let cart = catalog::cart_items_tx(&mut tx, principal.id(), principal.account_id).await?;
    let cart: Vec<_> = cart.into_iter().filter(|item| item.active).collect();
    if cart.is_empty() {
        return Err(ApiError::conflict("cart_empty", "the cart is empty; add a product before checking out"));
    }
    let now = now_utc();
    let row = CheckoutRow {
        id: Uuid::now_v7(),
        account_id: principal.account_id,
        principal_id: principal.id(),
        status: "open".into(),
        created_at: now,
        expires_at: now + Duration::hours(LIFETIME_HOURS),
        completed_at: None,
        order_id: None,
    };
    store::insert(&mut tx, &row).await?;
    for (position, item) in cart.iter().enumerate() {
        let line = LineRow {
            id: Uuid::now_v7(),
            product_id: item.product_id,
            sku: item.sku.clone(),
            product_name: item.name.clone(),
            quantity: item.quantity,
            unit_price: item.unit_price,
        };
        store::insert_line(&mut tx, row.id, &line, position as i32).await?;
    }
    let checkout = view(&mut tx, &row).await?;
    let event = NewAuditEvent::success(principal, "checkout.create", "checkout", row.id)
        .with_after(serde_json::json!({ "lines": lines_summary(&checkout) }))
        .with_request_id(request_id);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(checkout)
}

pub async fn get(db: &Db, principal: &Principal, id: Uuid) -> Result<Checkout, ApiError> {
    let mut tx = db.begin().await?;
    let mut row = load(&mut tx, principal, id).await?;
    let now = now_utc();
    if row.status == "open" && status_of(&row, now) == CheckoutStatus::Expired {
        store::mark_expired(&mut tx, row.id, now).await?;
        row.status = "expired".into();
    }
    let checkout = view(&mut tx, &row).await?;
    tx.commit().await?;
    Ok(checkout)
}

pub async fn set_line_quantity(
    db: &Db,
    principal: &Principal,
    id: Uuid,
    line_id: Uuid,
    quantity: i32,
    request_id: &str,
) -> Result<Checkout, ApiError> {
    let mut tx = db.begin().await?;
    let row = load(&mut tx, principal, id).await?;
    ensure_open(&row, now_utc())?;
    let before = view(&mut tx, &row).await?;
    let line = before.lines.iter().find(|l| l.id == line_id).ok_or(ApiError::NotFound("checkout line"))?;
    store::set_line_quantity(&mut tx, line_id, quantity).await?;
    if let [only] = line.allocations.as_slice() {
        store::clear_allocations(&mut tx, line_id).await?;
        store::insert_allocation(&mut tx, line_id, only.cost_center_id, quantity).await?;
    } else if !line.allocations.is_empty() {
        store::clear_allocations(&mut tx, line_id).await?;
    }
    finish(tx, principal, &row, before, "checkout.update_line", request_id).await
}

pub async fn assign_cost_center(
    db: &Db,
    principal: &Principal,
    id: Uuid,
    cost_center_id: Uuid,
    line_ids: Option<Vec<Uuid>>,
    request_id: &str,
) -> Result<Checkout, ApiError> {
    let mut tx = db.begin().await?;
    let row = load(&mut tx, principal, id).await?;
    ensure_open(&row, now_utc())?;
    // The detail names the body field, so this 404 does not read as "no such checkout".
    cost_centers::get(&mut tx, principal.account_id, cost_center_id)
        .await?
        .ok_or(ApiError::NotFound("the cost center named by cost_center_id"))?;
    let before = view(&mut tx, &row).await?;
    let chosen: Vec<&CheckoutLine> = match &line_ids {
        None => before.lines.iter().collect(),
        Some(ids) => {
            let mut chosen = Vec::new();
            for (i, line_id) in ids.iter().enumerate() {
                let line =
                    before.lines.iter().find(|l| l.id == *line_id).ok_or_else(|| {
                        ApiError::validation(&format!("line_ids.{i}"), "is not a line of this checkout")
                    })?;
                chosen.push(line);
            }
            chosen
        }
    };
    for line in chosen {
        store::clear_allocations(&mut tx, line.id).await?;
        store::insert_allocation(&mut tx, line.id, cost_center_id, line.quantity).await?;
    }
    finish(tx, principal, &row, before, "checkout.allocate", request_id).await
}

pub async fn split_line(
    db: &Db,
    principal: &Principal,
    id: Uuid,
    line_id: Uuid,
    allocations: Vec<(Uuid, i32)>,
    request_id: &str,
) -> Result<Checkout, ApiError> {
    let mut tx = db.begin().await?;
    let row = load(&mut tx, principal, id).await?;
    ensure_open(&row, now_utc())?;
    let before = view(&mut tx, &row).await?;
    let line = before.lines.iter().find(|l| l.id == line_id).ok_or(ApiError::NotFound("checkout line"))?;
    let mut seen = HashSet::new();
    for (i, (cost_center_id, _)) in allocations.iter().enumerate() {
        if !seen.insert(*cost_center_id) {
            return Err(ApiError::validation(
                &format!("allocations.{i}.cost_center_id"),
                "names a cost center already in this split",
            ));
        }
        cost_centers::get(&mut tx, principal.account_id, *cost_center_id)
            .await?
            .ok_or(ApiError::NotFound("a cost center named by allocations[].cost_center_id"))?;
    }
    let sum: i64 = allocations.iter().map(|(_, q)| i64::from(*q)).sum();
    if sum != i64::from(line.quantity) {
        return Err(ApiError::validation(
            "allocations",
            format!("quantities sum to {sum} but the line has {} licenses", line.quantity),
        ));
    }
    store::clear_allocations(&mut tx, line_id).await?;
    for (cost_center_id, quantity) in &allocations {
        store::insert_allocation(&mut tx, line_id, *cost_center_id, *quantity).await?;
    }
    finish(tx, principal, &row, before, "checkout.allocate", request_id).await
}

/// Audits the change (before/after lines) and commits it.
async fn finish(
    mut tx: Tx,
    principal: &Principal,
    row: &CheckoutRow,
    before: Checkout,
    action: &str,
    request_id: &str,
) -> Result<Checkout, ApiError> {
    let after = view(&mut tx, row).await?;
    let event = NewAuditEvent::success(principal, action, "checkout", row.id)
        .with_before(serde_json::json!({ "lines": lines_summary(&before) }))
        .with_after(serde_json::json!({ "lines": lines_summary(&after) }))
        .with_request_id(request_id);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(after)
}

fn lines_summary(checkout: &Checkout) -> serde_json::Value {
    serde_json::json!(checkout
        .lines
        .iter()
        .map(|l| serde_json::json!({
            "line_id": l.id,
            "sku": l.sku,
            "quantity": l.quantity,
            "allocations": l.allocations.iter().map(|a| serde_json::json!({
                "cost_center": a.cost_center_code, "quantity": a.quantity
            })).collect::<Vec<_>>(),
        }))
        .collect::<Vec<_>>())
}

/// The checkout as the API shows it.
pub async fn view(tx: &mut Tx, row: &CheckoutRow) -> Result<Checkout, ApiError> {
    let lines = store::lines(tx, row.id).await?;
    let allocations = store::allocations(tx, row.id).await?;
    let currency = store::account_currency(tx, row.account_id).await?;
    Ok(assemble(row, lines, &allocations, currency, now_utc()))
}

pub fn assemble(
    row: &CheckoutRow,
    lines: Vec<LineRow>,
    allocations: &[AllocationRow],
    currency: String,
    now: DateTime<Utc>,
) -> Checkout {
    let lines: Vec<CheckoutLine> = lines
        .into_iter()
        .map(|line| {
            let allocations: Vec<Allocation> = allocations
                .iter()
                .filter(|a| a.line_id == line.id)
                .map(|a| Allocation {
                    cost_center_id: a.cost_center_id,
                    cost_center_code: a.cost_center_code.clone(),
                    cost_center_name: a.cost_center_name.clone(),
                    quantity: a.quantity,
                })
                .collect();
            let allocated_quantity = allocations.iter().map(|a| a.quantity).sum();
            CheckoutLine {
                id: line.id,
                product_id: line.product_id,
                sku: line.sku,
                product_name: line.product_name,
                quantity: line.quantity,
                unit_price: display_amount(line.unit_price.0),
                monthly_amount: display_amount(rust_decimal::Decimal::from(line.quantity) * line.unit_price.0),
                fully_allocated: allocated_quantity == line.quantity,
                allocated_quantity,
                allocations,
            }
        })
        .collect();
    Checkout {
        id: row.id,
        status: status_of(row, now),
        created_at: row.created_at,
        expires_at: row.expires_at,
        completed_at: row.completed_at,
        order_id: row.order_id,
        currency,
        fully_allocated: lines.iter().all(|l| l.fully_allocated),
        lines,
    }
}
