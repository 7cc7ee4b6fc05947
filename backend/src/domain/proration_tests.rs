//! Hand-computed quotes with fixed dates, then properties over many dates and amounts.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn row(quantity: i64, price: &str) -> RowInput {
    RowInput { quantity, unit_price: d(price) }
}

#[test]
fn thirty_licenses_on_the_17th_of_a_30_day_cycle_at_8_25_percent() {
    // Nov 2026 has 30 days; billed on the 1st; 17th..30th = 14 days charged.
    let q = quote(&[row(30, "15.00")], date(2026, 11, 17), 1, d("0.0825"));
    assert_eq!(q.proration.cycle, BillingCycle { previous: date(2026, 11, 1), next: date(2026, 12, 1) });
    assert_eq!((q.proration.charged_days, q.proration.cycle_days), (14, 30));
    assert_eq!(q.subtotal.to_string(), "210.00"); // 450 × 14/30
    assert_eq!(q.tax.to_string(), "17.32"); // 17.325 → half to even
    assert_eq!(q.total.to_string(), "227.32");
    assert_eq!(q.recurring_monthly, d("450"));
}

#[test]
fn a_split_of_18_and_12_prices_each_row_and_sums_them() {
    let q = quote(&[row(18, "15.00"), row(12, "15.00")], date(2026, 11, 17), 1, d("0.0825"));
    let rows: Vec<String> = q.rows.iter().map(|r| r.prorated.to_string()).collect();
    assert_eq!(rows, ["126.00", "84.00"]);
    assert_eq!(q.total.to_string(), "227.32");
}

#[test]
fn february_has_28_days_and_rows_round_half_even() {
    // 25 × 15 × 12/28 = 160.714285… → 160.71; tax 13.258575 → 13.26.
    let q = quote(&[row(25, "15.00")], date(2026, 2, 17), 1, d("0.0825"));
    assert_eq!((q.proration.charged_days, q.proration.cycle_days), (12, 28));
    assert_eq!(
        (q.subtotal.to_string(), q.tax.to_string(), q.total.to_string()),
        ("160.71".into(), "13.26".into(), "173.97".into())
    );
}

#[test]
fn a_leap_february_has_29_days() {
    let q = quote(&[row(1, "15.00")], date(2028, 2, 10), 1, Decimal::ZERO);
    assert_eq!((q.proration.charged_days, q.proration.cycle_days), (20, 29));
    assert_eq!(q.total.to_string(), "10.34"); // 15 × 20/29 = 10.3448…
}

#[test]
fn exact_halves_go_to_the_even_cent() {
    // 15 of 30 days: 0.25 / 2 = 0.125 → 0.12 and 0.75 / 2 = 0.375 → 0.38.
    let q = quote(&[row(1, "0.25"), row(1, "0.75")], date(2026, 11, 16), 1, Decimal::ZERO);
    assert_eq!(q.rows[0].prorated.to_string(), "0.12");
    assert_eq!(q.rows[1].prorated.to_string(), "0.38");
    assert_eq!(q.subtotal.to_string(), "0.50");
}

#[test]
fn a_purchase_on_the_billing_day_pays_a_full_month() {
    let q = quote(&[row(3, "15.00")], date(2026, 11, 1), 1, Decimal::ZERO);
    assert_eq!(q.proration.cycle.next, date(2026, 12, 1));
    assert_eq!(q.proration.factor(), Decimal::ONE);
    assert_eq!(q.total.to_string(), "45.00");
}

#[test]
fn cycles_cross_month_and_year_ends() {
    let p = Proration::new(date(2026, 12, 20), 5);
    assert_eq!(p.cycle, BillingCycle { previous: date(2026, 12, 5), next: date(2027, 1, 5) });
    assert_eq!((p.charged_days, p.cycle_days), (16, 31));
    let p = Proration::new(date(2026, 1, 31), 15);
    assert_eq!(p.cycle.next, date(2026, 2, 15));
    assert_eq!((p.charged_days, p.cycle_days), (15, 31));
    // The day before the billing day pays one day.
    assert_eq!(Proration::new(date(2026, 3, 27), 28).charged_days, 1);
}

#[test]
fn four_decimal_prices_keep_the_recurring_amount_exact() {
    let q = quote(&[row(3, "14.9999")], date(2026, 11, 1), 1, Decimal::ZERO);
    assert_eq!(q.recurring_monthly, d("44.9997"));
    assert_eq!(q.total.to_string(), "45.00");
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (2000i32..2100, 1u32..=12, 1u32..=31).prop_filter_map("real date", |(y, m, dd)| NaiveDate::from_ymd_opt(y, m, dd))
}

fn any_rows() -> impl Strategy<Value = Vec<RowInput>> {
    prop::collection::vec(
        (1i64..=10_000, 0i64..=999_999)
            .prop_map(|(q, cents4)| RowInput { quantity: q, unit_price: Decimal::new(cents4, 4) }),
        1..8,
    )
}

proptest! {
    #[test]
    fn rows_sum_to_the_subtotal_and_total_is_subtotal_plus_tax(
        rows in any_rows(), today in any_date(), day in 1u32..=28, tax in 0i64..1_000_000
    ) {
        let tax_rate = Decimal::new(tax, 6);
        let q = quote(&rows, today, day, tax_rate);
        prop_assert_eq!(q.rows.iter().map(|r| r.prorated).sum::<Decimal>(), q.subtotal);
        prop_assert_eq!(q.total, q.subtotal + q.tax);
        prop_assert_eq!(q.tax, round_cents(q.subtotal * tax_rate));
        prop_assert!(q.total.scale() == 2 && q.subtotal.scale() == 2 && q.tax.scale() == 2);
    }

    #[test]
    fn the_factor_is_in_zero_to_one_and_cycles_are_28_to_31_days(today in any_date(), day in 1u32..=28) {
        let p = Proration::new(today, day);
        prop_assert!(p.factor() > Decimal::ZERO && p.factor() <= Decimal::ONE);
        prop_assert!((28..=31).contains(&p.cycle_days));
        prop_assert!(p.cycle.previous <= today && today < p.cycle.next);
        prop_assert_eq!(p.cycle.next.day(), day);
        prop_assert_eq!(p.charged_days == p.cycle_days, today.day() == day);
    }

    #[test]
    fn a_billing_day_purchase_charges_the_full_month(
        rows in any_rows(), y in 2000i32..2100, m in 1u32..=12, day in 1u32..=28
    ) {
        let q = quote(&rows, date(y, m, day), day, Decimal::ZERO);
        for (input, charge) in rows.iter().zip(&q.rows) {
            prop_assert_eq!(charge.prorated, round_cents(Decimal::from(input.quantity) * input.unit_price));
        }
    }

    #[test]
    fn a_row_never_costs_more_than_its_month(quantity in 1i64..=10_000, cents4 in 0i64..=999_999, today in any_date(), day in 1u32..=28) {
        let price = Decimal::new(cents4, 4);
        let p = Proration::new(today, day);
        prop_assert!(p.prorate(quantity, price) <= round_cents(Decimal::from(quantity) * price));
        prop_assert!(p.prorate(quantity, price) >= Decimal::ZERO);
    }
}
