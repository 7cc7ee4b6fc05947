//! Request and response bodies of the license inventory (shared by the license routes).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

/// The product a license is for ("License Type" in the portal).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LicenseType {
    pub product_id: Uuid,
    #[schema(example = "LIVE_REPORTS")]
    pub sku: String,
    #[schema(example = "Live Reports")]
    pub name: String,
}

/// The directory user holding a license.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Assignee {
    pub id: Uuid,
    #[schema(example = "Ava Thompson")]
    pub name: String,
    #[schema(example = "ava.thompson@acme.example")]
    pub email: String,
    #[schema(example = "101")]
    pub ext: String,
}

/// The cost center a license is charged to.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CostCenterRef {
    pub id: Uuid,
    #[schema(example = "CC-100")]
    pub code: String,
    #[schema(example = "Sales")]
    pub name: String,
}

/// One seat.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct License {
    pub id: Uuid,
    #[schema(example = "LR-000001")]
    pub number: String,
    pub license_type: LicenseType,
    /// `null` when the seat is free (the portal shows "N/A").
    pub assignee: Option<Assignee>,
    pub cost_center: CostCenterRef,
    pub added_at: DateTime<Utc>,
    pub assigned_at: Option<DateTime<Utc>>,
    /// The last entitlement check of the holder through this license; `null` = never used.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// One page of licenses.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LicensePage {
    pub items: Vec<License>,
    /// Pass back as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
    /// How many licenses match the filters, counted up to 1,000 (so it stays cheap at any
    /// account size). Only on a first page (no `cursor`) asked for with `with_total=true`, or
    /// when the whole result fits on the first page; else `null`.
    /// Exact per-product and per-cost-center numbers: `GET /licenses/summary`.
    pub total: Option<i64>,
    /// `true` when more than `total` licenses match (the count stopped at its cap).
    pub total_is_lower_bound: bool,
}

/// Filters shared by `GET /licenses` and `GET /licenses/export`.
#[derive(Debug, Clone, Default, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct LicenseFilter {
    /// Case-insensitive substring of the assignee's name, email or extension, the license
    /// number or the cost-center code.
    #[validate(length(max = 200))]
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Cost-center ids; repeat the parameter to match any of several.
    #[serde(default)]
    #[validate(length(max = 50, message = "name at most 50 cost centers"))]
    #[param(explode = true, max_items = 50)]
    pub cost_center: Vec<Uuid>,
    /// `assigned` or `unassigned`.
    #[param(inline)]
    #[serde(default, deserialize_with = "crate::routes::extract::present")]
    pub status: Option<LicenseStatus>,
    /// A product id or sku (`LIVE_REPORTS`).
    pub product: Option<String>,
    /// Only licenses whose holder has not used them since this date (never used counts as unused).
    #[serde(default, deserialize_with = "crate::routes::extract::present")]
    pub unused_since: Option<NaiveDate>,
    /// `added_at` | `number` | `assignee` | `cost_center` | `last_used_at`, ascending; prefix
    /// `-` for descending (`-added_at`, the default: newest first). Unassigned licenses sort
    /// as an empty assignee name, never-used ones as the oldest use.
    #[param(schema_with = sort_schema)]
    #[serde(default, deserialize_with = "crate::routes::extract::present")]
    pub sort: Option<String>,
    /// `next_cursor` of the previous page (made for the same `sort`).
    pub cursor: Option<String>,
    /// 1–200, default 50.
    #[param(minimum = 1, maximum = 200)]
    #[serde(default, deserialize_with = "crate::routes::extract::present")]
    pub limit: Option<u32>,
    /// Count the matches (up to 1,000) on the first page. Off by default: the count is a
    /// second query that costs about as much as the page itself.
    #[serde(default, deserialize_with = "crate::routes::extract::present")]
    pub with_total: Option<bool>,
}

/// The `sort` values `parse_sort` accepts, as an enum in the spec.
fn sort_schema() -> utoipa::openapi::Object {
    let names = ["added_at", "number", "assignee", "cost_center", "last_used_at"];
    let values: Vec<String> = names.iter().flat_map(|n| [n.to_string(), format!("-{n}")]).collect();
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(values))
        .description(Some("A column, ascending; prefixed with `-`, descending (default `-added_at`)."))
        .build()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LicenseStatus {
    Assigned,
    Unassigned,
}

/// `POST /licenses/{id}/assign`.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignLicense {
    /// An active directory user of the caller's account holding no license of this product.
    pub user_id: Uuid,
}

/// `PATCH /licenses/{id}`: move the license to another cost center.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateLicense {
    pub cost_center_id: Uuid,
}

/// `POST /license-assignments`: give the user the next free license of the product.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NextFreeAssignment {
    pub user_id: Uuid,
    /// A product id or sku (`LIVE_REPORTS`).
    #[validate(length(min = 1, max = 100))]
    #[schema(example = "LIVE_REPORTS", min_length = 1, max_length = 100)]
    pub product: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BulkAction {
    Assign,
    Unassign,
}

/// One change of a bulk request.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkItem {
    pub action: BulkAction,
    pub license_id: Uuid,
    /// Required for `assign`.
    pub user_id: Option<Uuid>,
}

/// `POST /licenses/bulk`: up to 1,000 changes, each applied (and audited) on its own.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkRequest {
    #[validate(length(min = 1, max = 1000))]
    #[schema(min_items = 1, max_items = 1000)]
    pub items: Vec<BulkItem>,
}

/// The outcome of one bulk item, in request order.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BulkItemResult {
    /// Position in the request's `items`.
    pub index: usize,
    pub license_id: Uuid,
    pub ok: bool,
    /// The HTTP status this change alone would have had (200, 404, 409, 422).
    pub status: u16,
    /// For failures: the problem `code` (`license_already_assigned`, `user_already_licensed`,
    /// `license_not_assigned`) or `not_found` / `validation_error`.
    pub code: Option<String>,
    pub detail: Option<String>,
    /// The license after a successful change.
    pub license: Option<License>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BulkResponse {
    pub succeeded: usize,
    pub failed: usize,
    pub results: Vec<BulkItemResult>,
}

/// Seat counts of one product or cost center.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SeatCounts {
    pub purchased: i64,
    pub assigned: i64,
    pub available: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProductUsage {
    pub product_id: Uuid,
    pub sku: String,
    pub name: String,
    #[serde(flatten)]
    pub seats: SeatCounts,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CostCenterUsage {
    pub cost_center_id: Uuid,
    pub code: String,
    pub name: String,
    #[serde(flatten)]
    pub seats: SeatCounts,
}

/// Who holds what: seat counts per product and per cost center, plus the account total.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LicenseSummary {
    pub total: SeatCounts,
    pub by_product: Vec<ProductUsage>,
    pub by_cost_center: Vec<CostCenterUsage>,
}

/// The license through which a user is entitled to a product.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Entitlement {
    pub product_id: Uuid,
    #[schema(example = "LIVE_REPORTS")]
    pub sku: String,
    pub product_name: String,
    pub license_id: Uuid,
    #[schema(example = "LR-000001")]
    pub license_number: String,
}

/// What a directory user may use right now. Each check is recorded as the license's `last_used_at`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UserEntitlements {
    pub user_id: Uuid,
    /// Whether the user may use Live Reports (holds a LIVE_REPORTS license and is active).
    pub live_reports: bool,
    /// The licenses the user holds, one per product.
    pub entitlements: Vec<Entitlement>,
    pub checked_at: DateTime<Utc>,
}
