//! The license inventory: list and search, one license, assign, unassign, move, next free seat.

use actix_web::{get, patch, post, web, HttpResponse};
use tracing_actix_web::RequestId;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::auth::{Permission, Principal};
use crate::error::ApiError;
use crate::routes::docs;
use crate::routes::extract::{QueryParams, ValidJson};
use crate::routes::license_models::{
    AssignLicense, License, LicenseFilter, LicensePage, NextFreeAssignment, UpdateLicense,
};
use crate::services::licenses as service;
use crate::startup::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    // Fixed paths before `/licenses/{id}` so `summary`, `export` and `bulk` are not taken for ids.
    cfg.service(list_licenses)
        .service(super::license_reports::license_summary)
        .service(super::license_reports::export_licenses)
        .service(super::license_bulk::bulk_change)
        .service(get_license)
        .service(update_license)
        .service(assign_license)
        .service(unassign_license)
        .service(assign_next_free)
        .service(super::entitlements::user_entitlements);
}

/// Search and filter the account's licenses, one keyset page at a time.
///
/// Sorted by `sort` (default `-added_at`, newest first); the cursor carries the sort key and
/// id, so deep pages cost the same as the first one.
#[utoipa::path(
    tag = "licenses",
    params(LicenseFilter),
    responses(
        (status = 200, description = "A page of licenses", body = LicensePage),
        docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["licenses:read"]))
)]
#[get("/licenses")]
pub async fn list_licenses(
    principal: Principal,
    state: web::Data<AppState>,
    filter: QueryParams<LicenseFilter>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::LicensesRead)?;
    let page = service::list(&state.db, principal.account_id, &filter.0).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One license.
#[utoipa::path(
    tag = "licenses",
    params(("id" = Uuid, Path, description = "License id")),
    responses(
        (status = 200, description = "The license", body = License),
        docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Unavailable
    ),
    security(("bearer" = ["licenses:read"]))
)]
#[get("/licenses/{id}")]
pub async fn get_license(
    principal: Principal,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::LicensesRead)?;
    let license = service::get(&state.db, principal.account_id, *id).await?;
    Ok(HttpResponse::Ok().json(license))
}

/// Move a license to another cost center.
#[utoipa::path(
    tag = "licenses",
    params(("id" = Uuid, Path, description = "License id")),
    request_body = UpdateLicense,
    responses(
        (status = 200, description = "The moved license", body = License),
        docs::BadRequest, docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::PayloadTooLarge,
        docs::UnsupportedMediaType, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["licenses:write"]))
)]
#[patch("/licenses/{id}")]
pub async fn update_license(
    principal: Principal,
    state: web::Data<AppState>,
    request_id: RequestId,
    id: web::Path<Uuid>,
    body: ValidJson<UpdateLicense>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::LicensesWrite)?;
    let license =
        service::move_to_cost_center(&state.db, &principal, *id, body.0.cost_center_id, &request_id.to_string())
            .await?;
    Ok(HttpResponse::Ok().json(license))
}

/// Assign a free license to a directory user.
///
/// Only a free license, and only to an active user of the account who holds no license of
/// this product: otherwise 409 `license_already_assigned` / `user_already_licensed`, or 422
/// for a disabled user. The database enforces both rules, so concurrent requests cannot
/// both win.
#[utoipa::path(
    tag = "licenses",
    params(("id" = Uuid, Path, description = "License id")),
    request_body = AssignLicense,
    responses(
        (status = 200, description = "The assigned license", body = License),
        docs::BadRequest, docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Conflict,
        docs::PayloadTooLarge, docs::UnsupportedMediaType, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["licenses:write"]))
)]
#[post("/licenses/{id}/assign")]
pub async fn assign_license(
    principal: Principal,
    state: web::Data<AppState>,
    request_id: RequestId,
    id: web::Path<Uuid>,
    body: ValidJson<AssignLicense>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::LicensesWrite)?;
    let license = service::assign(&state.db, &principal, *id, body.0.user_id, &request_id.to_string()).await?;
    Ok(HttpResponse::Ok().json(license))
}

/// Return a license to the pool (it is not deleted). A free license is 409 `license_not_assigned`.
#[utoipa::path(
    tag = "licenses",
    params(("id" = Uuid, Path, description = "License id")),
    responses(
        (status = 200, description = "The license, now free", body = License),
        docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Conflict, docs::Unavailable
    ),
    security(("bearer" = ["licenses:write"]))
)]
#[post("/licenses/{id}/unassign")]
pub async fn unassign_license(
    principal: Principal,
    state: web::Data<AppState>,
    request_id: RequestId,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::LicensesWrite)?;
    let license = service::unassign(&state.db, &principal, *id, &request_id.to_string()).await?;
    Ok(HttpResponse::Ok().json(license))
}

/// Give a user the next free license of a product (the oldest purchased first).
///
/// 409 `no_free_license` when the pool is empty, `user_already_licensed` when the user
/// already holds one; 422 for a disabled user.
#[utoipa::path(
    tag = "licenses",
    request_body = NextFreeAssignment,
    responses(
        (status = 201, description = "The license now held by the user", body = License),
        docs::BadRequest, docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Conflict,
        docs::PayloadTooLarge, docs::UnsupportedMediaType, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["licenses:write"]))
)]
#[post("/license-assignments")]
pub async fn assign_next_free(
    principal: Principal,
    state: web::Data<AppState>,
    request_id: RequestId,
    body: ValidJson<NextFreeAssignment>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::LicensesWrite)?;
    let license =
        service::assign_next_free(&state.db, &principal, body.0.user_id, &body.0.product, &request_id.to_string())
            .await?;
    Ok(HttpResponse::Created().json(license))
}
