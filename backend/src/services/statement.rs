//! The statement document written once with an order ("View Statement").

use rust_decimal::Decimal;
use serde_json::Value;

use crate::domain::money::display_amount;
use crate::services::views::{Quote, Statement, StatementCostCenter, StatementRow};
use crate::storage::accounts::AccountRow;
use crate::storage::checkouts::AllocationRow;
use crate::storage::orders::OrderRow;

/// Builds the statement: rows grouped per cost center (by code), with the order's totals.
pub fn document(
    account: &AccountRow,
    order: &OrderRow,
    quote: &Quote,
    allocations: &[AllocationRow],
    license_numbers: (String, String),
) -> Value {
    let mut groups: Vec<StatementCostCenter> = Vec::new();
    let mut rows: Vec<_> = quote.rows.iter().filter(|r| r.cost_center_id.is_some()).collect();
    rows.sort_by_key(|r| r.cost_center_code.as_deref().map(str::to_lowercase));
    for row in rows {
        let code = row.cost_center_code.clone().unwrap_or_default();
        let name = allocations
            .iter()
            .find(|a| Some(a.cost_center_id) == row.cost_center_id)
            .map(|a| a.cost_center_name.clone())
            .unwrap_or_default();
        let item = StatementRow {
            cost_center_code: code.clone(),
            cost_center_name: name.clone(),
            sku: row.sku.clone(),
            product_name: row.product_name.clone(),
            quantity: row.quantity,
            unit_price: row.unit_price,
            monthly_amount: row.monthly_amount,
            prorated_amount: row.prorated_amount,
        };
        match groups.iter_mut().find(|g| g.cost_center_code == code) {
            Some(group) => group.rows.push(item),
            None => groups.push(StatementCostCenter {
                cost_center_code: code,
                cost_center_name: name,
                rows: vec![item],
                quantity: 0,
                monthly_amount: Decimal::ZERO,
                prorated_amount: Decimal::ZERO,
            }),
        }
    }
    for group in &mut groups {
        group.quantity = group.rows.iter().map(|r| r.quantity).sum();
        group.monthly_amount = display_amount(group.rows.iter().map(|r| r.monthly_amount).sum());
        group.prorated_amount = group.rows.iter().map(|r| r.prorated_amount).sum();
    }
    let statement = Statement {
        order_id: order.id,
        order_number: order.number,
        order_date: order.purchase_date,
        placed_at: order.placed_at,
        account_name: account.name.clone(),
        billing_address: account.billing_address.lines().map(str::to_string).collect(),
        currency: quote.currency.clone(),
        period_start: quote.period_start,
        period_end: quote.period_end,
        cost_centers: groups,
        subtotal: quote.subtotal,
        tax_rate: quote.tax_rate,
        tax: quote.tax,
        total: quote.total,
        recurring_monthly: quote.recurring_monthly,
        next_billing_date: quote.next_billing_date,
        license_count: order.license_count,
        first_license_number: license_numbers.0,
        last_license_number: license_numbers.1,
    };
    serde_json::to_value(statement).unwrap_or(Value::Null)
}
