//! The quote arithmetic: billing cycles, the proration factor and the itemized charges.
//!
//! `factor = days(purchase → next billing) / days(previous billing → next billing)`, the
//! purchase day counted and the next billing day not. Each row is
//! `round_half_even(qty × unit_price × factor, 2)`, computed as
//! `qty × unit_price × charged_days / cycle_days` so the only division is the last step
//! (an exact half stays exact). `tax = round_half_even(subtotal × tax_rate, 2)`.

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;

use super::money::round_cents;

/// The billing cycle a purchase falls in: `[previous, next)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BillingCycle {
    pub previous: NaiveDate,
    pub next: NaiveDate,
}

impl BillingCycle {
    /// The cycle containing `today` for an account billed on `billing_day` (1–28): `next` is the
    /// first date AFTER today on that day, so a purchase on the billing day pays a full month.
    pub fn containing(today: NaiveDate, billing_day: u32) -> BillingCycle {
        let day = billing_day.clamp(1, 28);
        let this_month = today.with_day(day).expect("days 1-28 exist in every month");
        let next = if this_month > today { this_month } else { this_month + Months::new(1) };
        BillingCycle { previous: next - Months::new(1), next }
    }

    pub fn days(&self) -> i64 {
        (self.next - self.previous).num_days()
    }
}

/// How much of the cycle a purchase on `purchase_date` pays for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proration {
    pub purchase_date: NaiveDate,
    pub cycle: BillingCycle,
    /// Days from the purchase day (counted) to the next billing day (not counted).
    pub charged_days: i64,
    pub cycle_days: i64,
}

impl Proration {
    pub fn new(purchase_date: NaiveDate, billing_day: u32) -> Proration {
        let cycle = BillingCycle::containing(purchase_date, billing_day);
        Proration {
            purchase_date,
            cycle,
            charged_days: (cycle.next - purchase_date).num_days(),
            cycle_days: cycle.days(),
        }
    }

    /// The factor, for display (the charges themselves divide last, see the module note).
    pub fn factor(&self) -> Decimal {
        Decimal::from(self.charged_days) / Decimal::from(self.cycle_days)
    }

    /// `round_half_even(quantity × unit_price × factor, 2)`.
    pub fn prorate(&self, quantity: i64, unit_price: Decimal) -> Decimal {
        let full = Decimal::from(quantity) * unit_price;
        round_cents(full * Decimal::from(self.charged_days) / Decimal::from(self.cycle_days))
    }
}

/// One quoted row: a quantity at a unit price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowInput {
    pub quantity: i64,
    pub unit_price: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowCharge {
    /// `quantity × unit_price`, per month, unrounded (prices have up to 4 decimals).
    pub monthly: Decimal,
    pub prorated: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteTotals {
    pub proration: Proration,
    pub rows: Vec<RowCharge>,
    pub subtotal: Decimal,
    pub tax_rate: Decimal,
    pub tax: Decimal,
    pub total: Decimal,
    /// What the rows cost every month from the next billing date.
    pub recurring_monthly: Decimal,
}

/// Prices every row and the totals for a purchase on `purchase_date`.
pub fn quote(rows: &[RowInput], purchase_date: NaiveDate, billing_day: u32, tax_rate: Decimal) -> QuoteTotals {
    let proration = Proration::new(purchase_date, billing_day);
    let charges: Vec<RowCharge> = rows
        .iter()
        .map(|r| RowCharge {
            monthly: Decimal::from(r.quantity) * r.unit_price,
            prorated: proration.prorate(r.quantity, r.unit_price),
        })
        .collect();
    let subtotal = round_cents(charges.iter().map(|c| c.prorated).sum());
    let tax = round_cents(subtotal * tax_rate);
    let recurring_monthly = charges.iter().map(|c| c.monthly).sum();
    QuoteTotals {
        proration,
        rows: charges,
        subtotal,
        tax_rate,
        tax,
        total: round_cents(subtotal + tax),
        recurring_monthly,
    }
}

#[cfg(test)]
#[path = "proration_tests.rs"]
mod tests;
