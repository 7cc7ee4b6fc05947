//! What the purchase use cases hand back: the JSON shapes of catalog, cart, checkout, quote,
//! order, statement and billing details. Money is a decimal string with a `currency` alongside.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A catalog tile.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Product {
    pub id: Uuid,
    #[schema(example = "LIVE_REPORTS")]
    pub sku: String,
    #[schema(example = "Live Reports")]
    pub name: String,
    pub description: String,
    /// Per license per month.
    #[schema(value_type = String, example = "15.00")]
    pub unit_price: Decimal,
    #[schema(example = "USD")]
    pub currency: String,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CartItem {
    pub product_id: Uuid,
    pub sku: String,
    pub product_name: String,
    #[schema(example = 25)]
    pub quantity: i32,
    #[schema(value_type = String, example = "15.00")]
    pub unit_price: Decimal,
    /// `quantity × unit_price`.
    #[schema(value_type = String, example = "375.00")]
    pub monthly_amount: Decimal,
    pub updated_at: DateTime<Utc>,
}

/// The caller's cart (one per member or API client).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Cart {
    pub items: Vec<CartItem>,
    #[schema(value_type = String, example = "375.00")]
    pub monthly_total: Decimal,
    #[schema(example = "USD")]
    pub currency: String,
}

/// Part of a checkout line charged to one cost center.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Allocation {
    pub cost_center_id: Uuid,
    #[schema(example = "CC-100")]
    pub cost_center_code: String,
    pub cost_center_name: String,
    #[schema(example = 18)]
    pub quantity: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CheckoutLine {
    pub id: Uuid,
    pub product_id: Uuid,
    pub sku: String,
    pub product_name: String,
    #[schema(example = 30)]
    pub quantity: i32,
    /// The price when the checkout was created.
    #[schema(value_type = String, example = "15.00")]
    pub unit_price: Decimal,
    #[schema(value_type = String, example = "450.00")]
    pub monthly_amount: Decimal,
    pub allocations: Vec<Allocation>,
    /// Sum of the allocations' quantities.
    pub allocated_quantity: i32,
    /// True when the allocations cover exactly the line's quantity.
    pub fully_allocated: bool,
}

/// `open`, `completed` or `expired` (24 h after creation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckoutStatus {
    Open,
    Completed,
    Expired,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Checkout {
    pub id: Uuid,
    pub status: CheckoutStatus,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    /// The order placed from this checkout, once completed.
    pub order_id: Option<Uuid>,
    #[schema(example = "USD")]
    pub currency: String,
    pub lines: Vec<CheckoutLine>,
    /// Every line fully allocated: the checkout can be completed.
    pub fully_allocated: bool,
}

/// One charge of the quote: a (line, allocation) pair.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct QuoteRow {
    pub line_id: Uuid,
    pub product_id: Uuid,
    pub sku: String,
    pub product_name: String,
    /// `null` for the part of a line not yet allocated (completing needs none left).
    pub cost_center_id: Option<Uuid>,
    #[schema(example = "CC-100")]
    pub cost_center_code: Option<String>,
    #[schema(example = 18)]
    pub quantity: i32,
    #[schema(value_type = String, example = "15.00")]
    pub unit_price: Decimal,
    /// `quantity × unit_price`, charged every month from the next billing date.
    #[schema(value_type = String, example = "270.00")]
    pub monthly_amount: Decimal,
    /// `round_half_even(quantity × unit_price × proration_factor, 2)`, charged now.
    #[schema(value_type = String, example = "126.00")]
    pub prorated_amount: Decimal,
}

/// "Review Order": the itemized charges of a checkout if it were completed today.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Quote {
    pub checkout_id: Uuid,
    #[schema(example = "USD")]
    pub currency: String,
    /// Today (UTC): the first day charged.
    pub purchase_date: NaiveDate,
    /// The start of the current billing cycle.
    pub previous_billing_date: NaiveDate,
    /// The first day NOT charged now; the recurring charge starts here.
    pub next_billing_date: NaiveDate,
    /// The period the prorated charge covers: `period_start` to `period_end` inclusive.
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// Days charged (purchase day to the day before the next billing date).
    pub days_charged: i64,
    /// Days in the current billing cycle.
    pub days_in_cycle: i64,
    /// `days_charged / days_in_cycle`, for display (charges divide last, exactly).
    #[schema(value_type = String, example = "0.4666666666666666666666666667")]
    pub proration_factor: Decimal,
    pub rows: Vec<QuoteRow>,
    #[schema(value_type = String, example = "210.00")]
    pub subtotal: Decimal,
    #[schema(value_type = String, example = "0.0825")]
    pub tax_rate: Decimal,
    #[schema(value_type = String, example = "17.32")]
    pub tax: Decimal,
    /// Send this back as `expected_total` to complete.
    #[schema(value_type = String, example = "227.32")]
    pub total: Decimal,
    #[schema(value_type = String, example = "450.00")]
    pub recurring_monthly: Decimal,
    /// Every line fully allocated (else completing is refused).
    pub fully_allocated: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrderLine {
    pub product_id: Uuid,
    pub sku: String,
    pub product_name: String,
    pub cost_center_id: Uuid,
    pub cost_center_code: String,
    pub quantity: i32,
    #[schema(value_type = String, example = "15.00")]
    pub unit_price: Decimal,
    #[schema(value_type = String, example = "270.00")]
    pub monthly_amount: Decimal,
    #[schema(value_type = String, example = "126.00")]
    pub prorated_amount: Decimal,
}

/// A placed order (the list shows the same fields without `lines`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Order {
    pub id: Uuid,
    /// Per account, from 1.
    #[schema(example = 1)]
    pub number: i64,
    pub checkout_id: Uuid,
    pub placed_by: Uuid,
    pub placed_at: DateTime<Utc>,
    pub purchase_date: NaiveDate,
    pub next_billing_date: NaiveDate,
    #[schema(example = "USD")]
    pub currency: String,
    #[schema(value_type = String, example = "210.00")]
    pub subtotal: Decimal,
    #[schema(value_type = String, example = "17.32")]
    pub tax: Decimal,
    #[schema(value_type = String, example = "227.32")]
    pub total: Decimal,
    #[schema(value_type = String, example = "450.00")]
    pub recurring_monthly: Decimal,
    #[schema(example = 30)]
    pub license_count: i32,
    /// Present on `GET /orders/{id}` and on completion; omitted in the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<OrderLine>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StatementRow {
    pub cost_center_code: String,
    pub cost_center_name: String,
    pub sku: String,
    pub product_name: String,
    pub quantity: i32,
    #[schema(value_type = String)]
    pub unit_price: Decimal,
    #[schema(value_type = String)]
    pub monthly_amount: Decimal,
    #[schema(value_type = String)]
    pub prorated_amount: Decimal,
}

/// Charges of one cost center on a statement.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StatementCostCenter {
    pub cost_center_code: String,
    pub cost_center_name: String,
    pub rows: Vec<StatementRow>,
    pub quantity: i32,
    #[schema(value_type = String)]
    pub monthly_amount: Decimal,
    #[schema(value_type = String)]
    pub prorated_amount: Decimal,
}

/// "View Statement": the immutable, printable record of an order.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Statement {
    pub order_id: Uuid,
    #[schema(example = 1)]
    pub order_number: i64,
    pub order_date: NaiveDate,
    pub placed_at: DateTime<Utc>,
    pub account_name: String,
    /// The billing address, one line per entry.
    pub billing_address: Vec<String>,
    #[schema(example = "USD")]
    pub currency: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub cost_centers: Vec<StatementCostCenter>,
    #[schema(value_type = String)]
    pub subtotal: Decimal,
    #[schema(value_type = String)]
    pub tax_rate: Decimal,
    #[schema(value_type = String)]
    pub tax: Decimal,
    #[schema(value_type = String)]
    pub total: Decimal,
    #[schema(value_type = String)]
    pub recurring_monthly: Decimal,
    pub next_billing_date: NaiveDate,
    pub license_count: i32,
    /// The license numbers issued, e.g. `LR-000013` to `LR-000042`.
    pub first_license_number: String,
    pub last_license_number: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BillingProduct {
    pub product_id: Uuid,
    pub sku: String,
    pub name: String,
    #[schema(value_type = String)]
    pub unit_price: Decimal,
    pub licenses: i64,
    pub assigned: i64,
    #[schema(value_type = String)]
    pub monthly_amount: Decimal,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BillingCostCenter {
    pub cost_center_id: Uuid,
    pub code: String,
    pub name: String,
    pub licenses: i64,
    #[schema(value_type = String)]
    pub monthly_amount: Decimal,
}

/// "Service Billing Details".
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BillingDetails {
    pub account_name: String,
    pub billing_address: Vec<String>,
    #[schema(example = "USD")]
    pub currency: String,
    #[schema(value_type = String, example = "0.0825")]
    pub tax_rate: Decimal,
    /// Day of the month (1–28) the recurring charge is billed.
    pub billing_day: i32,
    pub current_cycle_start: NaiveDate,
    pub next_billing_date: NaiveDate,
    pub products: Vec<BillingProduct>,
    pub cost_centers: Vec<BillingCostCenter>,
    pub total_licenses: i64,
    /// The recurring charge at the next billing date, before tax.
    #[schema(value_type = String)]
    pub recurring_monthly: Decimal,
}

/// A cost center.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CostCenter {
    pub id: Uuid,
    #[schema(example = "CC-500")]
    pub code: String,
    #[schema(example = "Customer Success")]
    pub name: String,
    pub parent_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
