//! Reports over the inventory: seat counts per product and cost center, and the CSV export.

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};

use crate::auth::{Permission, Principal};
use crate::error::ApiError;
use crate::routes::docs;
use crate::routes::extract::QueryParams;
use crate::routes::license_models::{LicenseFilter, LicenseSummary};
use crate::services::{licenses_export, licenses_summary};
use crate::startup::AppState;

/// Purchased, assigned and available seats per product, per cost center and in total.
#[utoipa::path(
    tag = "licenses",
    responses(
        (status = 200, description = "Seat counts", body = LicenseSummary),
        docs::Unauthorized, docs::Forbidden, docs::Unavailable
    ),
    security(("bearer" = ["licenses:read"]))
)]
#[get("/licenses/summary")]
pub async fn license_summary(principal: Principal, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::LicensesRead)?;
    let summary = licenses_summary::summarize(&state.db, principal.account_id).await?;
    Ok(HttpResponse::Ok().json(summary))
}

/// The filtered license list as CSV (same filters and sort as `GET /licenses`; `cursor` and
/// `limit` are ignored: every matching row is exported, streamed in keyset chunks).
///
/// Columns: number, license type, assignee name, email, ext, cost center code, cost center
/// name, added at, assigned at, last used at. Cells that a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-`, `@`, tab or CR) are prefixed with `'`.
#[utoipa::path(
    tag = "licenses",
    params(LicenseFilter),
    responses(
        (status = 200, description = "CSV, one row per license", content_type = "text/csv", body = String),
        docs::Unauthorized, docs::Forbidden, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["licenses:read"]))
)]
#[get("/licenses/export")]
pub async fn export_licenses(
    principal: Principal,
    state: web::Data<AppState>,
    filter: QueryParams<LicenseFilter>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::LicensesRead)?;
    // Ignored here, but still checked: the shared filter's spec says 1–200.
    crate::routes::pagination::page_limit(filter.0.limit)?;
    let stream = licenses_export::csv_stream(state.db.clone(), principal.account_id, filter.0).await?;
    let filename = format!("licenses-{}.csv", crate::domain::time::now_utc().format("%Y-%m-%d"));
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")))
        .streaming(stream))
}
