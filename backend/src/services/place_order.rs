//! Completing a checkout: one transaction writes the order, its lines, the statement, one
//! license per unit, empties the cart, closes the checkout, audits, and stores the idempotent
//! response. Any failure rolls all of it back.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::auth::Principal;
use crate::domain::license::{license_number, search_text};
use crate::domain::money::parse_amount;
use crate::domain::time::now_utc;
use crate::error::ApiError;
use crate::services::idempotency::{self, Claim};
use crate::services::views::{Order, OrderLine, Quote};
use crate::services::{checkouts, quote, statement};
use crate::storage::audit::{self, NewAuditEvent};
use crate::storage::orders::{self as store, NewLicense, OrderLineRow, OrderRow};
use crate::storage::{accounts, catalog, checkouts as checkout_store, Db, SqlDecimal, Tx};

pub async fn complete(
    db: &Db,
    principal: &Principal,
    checkout_id: Uuid,
    acknowledged: bool,
    expected_total: &str,
    claim: &Claim,
    request_id: &str,
) -> Result<Order, ApiError> {
    if !acknowledged {
        return Err(ApiError::validation("acknowledged", "must be true: confirm you have read the itemized charges"));
    }
    let expected_total = parse_amount(expected_total)
        .ok_or_else(|| ApiError::validation("expected_total", "must be a decimal amount such as \"227.32\""))?;
    let account = accounts::get(db, principal.account_id).await?.ok_or(ApiError::NotFound("account"))?;
    let mut tx = db.begin().await?;
    let now = now_utc();
    let checkout = checkouts::load(&mut tx, principal, checkout_id).await?;
    checkouts::ensure_open(&checkout, now)?;
    let lines = checkout_store::lines(&mut tx, checkout_id).await?;
    let allocations = checkout_store::allocations(&mut tx, checkout_id).await?;
    let quote = quote::build(checkout_id, &account, &lines, &allocations, now.date_naive());
    if !quote.fully_allocated {
        // A state of the checkout, not a flaw in this request: allocate, then retry.
        return Err(ApiError::conflict("checkout_not_allocated", "every line must be fully allocated to cost centers"));
    }
    if quote.total != expected_total {
        return Err(ApiError::Conflict {
            code: "quote_changed",
            detail: format!(
                "the total is now {} {}, not {expected_total}; review the new quote",
                quote.total, quote.currency
            ),
            data: serde_json::to_value(&quote).ok(),
        });
    }
    if !checkout_store::mark_completed(&mut tx, principal.account_id, principal.id(), checkout_id, now).await? {
        return Err(ApiError::conflict("checkout_completed", "this checkout is already completed"));
    }
    let license_count: i64 = quote.rows.iter().map(|r| i64::from(r.quantity)).sum();
    let (number, first_license) = store::reserve_numbers(&mut tx, principal.account_id, license_count).await?;
    let order = OrderRow {
        id: Uuid::now_v7(),
        number,
        checkout_id,
        placed_by: principal.id(),
        placed_at: now,
        purchase_date: quote.purchase_date,
        next_billing_date: quote.next_billing_date,
        currency: quote.currency.clone(),
        subtotal: SqlDecimal(quote.subtotal),
        tax: SqlDecimal(quote.tax),
        total: SqlDecimal(quote.total),
        recurring_monthly: SqlDecimal(quote.recurring_monthly),
        license_count: license_count as i32,
    };
    store::insert_order(&mut tx, principal.account_id, &order).await?;
    let order_lines = order_lines(&quote);
    for (position, line) in order_lines.iter().enumerate() {
        store::insert_line(&mut tx, order.id, line, position as i32).await?;
    }
    insert_licenses(&mut tx, principal.account_id, order.id, now, &order_lines, first_license).await?;
    let numbers = (license_number(first_license), license_number(first_license + license_count - 1));
    let document = statement::document(&account, &order, &quote, &allocations, numbers);
    store::insert_statement(&mut tx, order.id, principal.account_id, &document, now).await?;
    catalog::clear_cart(&mut tx, principal.id()).await?;
    let view = order_view(&order, Some(&order_lines));
    let event = NewAuditEvent::success(principal, "order.place", "order", order.id)
        .with_after(serde_json::json!({
            "number": order.number, "checkout_id": checkout_id, "licenses": license_count,
            "currency": order.currency, "subtotal": quote.subtotal, "tax": quote.tax, "total": quote.total,
            "recurring_monthly": quote.recurring_monthly,
        }))
        .with_request_id(request_id);
    audit::record(&mut tx, &event).await?;
    let body = serde_json::to_string(&view).map_err(anyhow::Error::from)?;
    idempotency::finish(&mut tx, claim, 201, &body).await?;
    tx.commit().await?;
    Ok(view)
}

/// The order lines of a fully allocated quote (rows without a cost center are skipped).
pub fn order_lines(quote: &Quote) -> Vec<OrderLineRow> {
    quote
        .rows
        .iter()
        .filter_map(|r| {
            Some(OrderLineRow {
                product_id: r.product_id,
                sku: r.sku.clone(),
                product_name: r.product_name.clone(),
                cost_center_id: r.cost_center_id?,
                cost_center_code: r.cost_center_code.clone()?,
                quantity: r.quantity,
                unit_price: SqlDecimal(r.unit_price),
                monthly_amount: SqlDecimal(r.monthly_amount),
                prorated_amount: SqlDecimal(r.prorated_amount),
            })
        })
        .collect()
}

/// One license per unit, numbered consecutively from `first`, per product in bulk.
async fn insert_licenses(
    tx: &mut Tx,
    account_id: Uuid,
    order_id: Uuid,
    added_at: DateTime<Utc>,
    lines: &[OrderLineRow],
    first: i64,
) -> Result<(), ApiError> {
    let mut next = first;
    let mut products: Vec<Uuid> = lines.iter().map(|l| l.product_id).collect();
    products.dedup();
    for product_id in products {
        let mut licenses = Vec::new();
        for line in lines.iter().filter(|l| l.product_id == product_id) {
            for _ in 0..line.quantity {
                licenses.push(NewLicense {
                    number: next,
                    cost_center_id: line.cost_center_id,
                    search_text: search_text(next, &line.cost_center_code, None),
                });
                next += 1;
            }
        }
        store::insert_licenses(tx, account_id, product_id, order_id, added_at, &licenses).await?;
    }
    Ok(())
}

pub fn order_view(row: &OrderRow, lines: Option<&[OrderLineRow]>) -> Order {
    Order {
        id: row.id,
        number: row.number,
        checkout_id: row.checkout_id,
        placed_by: row.placed_by,
        placed_at: row.placed_at,
        purchase_date: row.purchase_date,
        next_billing_date: row.next_billing_date,
        currency: row.currency.clone(),
        subtotal: money(row.subtotal.0),
        tax: money(row.tax.0),
        total: money(row.total.0),
        recurring_monthly: crate::domain::money::display_amount(row.recurring_monthly.0),
        license_count: row.license_count,
        lines: lines.map(|lines| {
            lines
                .iter()
                .map(|l| OrderLine {
                    product_id: l.product_id,
                    sku: l.sku.clone(),
                    product_name: l.product_name.clone(),
                    cost_center_id: l.cost_center_id,
                    cost_center_code: l.cost_center_code.clone(),
                    quantity: l.quantity,
                    unit_price: crate::domain::money::display_amount(l.unit_price.0),
                    monthly_amount: crate::domain::money::display_amount(l.monthly_amount.0),
                    prorated_amount: money(l.prorated_amount.0),
                })
                .collect()
        }),
    }
}

fn money(amount: Decimal) -> Decimal {
    crate::domain::money::round_cents(amount)
}
