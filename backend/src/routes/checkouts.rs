//! Checkout ("Review Items", "Assign Cost Center", "Split", "Review Order"). Completing it is
//! in `checkout_complete.rs`.
//!
//! Changing a line's quantity keeps a single whole-line allocation (it follows the new
//! quantity) and clears a split, which no longer sums: the line must be split again.

use actix_web::{get, patch, post, put, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{Permission, Principal};
use crate::error::ApiError;
use crate::routes::cart::QuantityRequest;
use crate::routes::docs;
use crate::routes::extract::ValidJson;
use crate::services::views::{Checkout, Quote};
use crate::services::{checkouts, quote};
use crate::startup::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_checkout)
        .service(get_checkout)
        .service(update_line)
        .service(assign_cost_center)
        .service(split_line)
        .service(get_quote)
        .configure(super::checkout_complete::configure);
}

/// "Assign to Selected" (with `line_ids`) or "Assign to All" (without).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CostCenterAssignment {
    pub cost_center_id: Uuid,
    /// The lines to put wholly on the cost center; absent = every line.
    #[validate(length(min = 1, max = 100, message = "must name 1 to 100 lines (omit it for all lines)"))]
    #[schema(min_items = 1, max_items = 100)]
    pub line_ids: Option<Vec<Uuid>>,
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AllocationInput {
    pub cost_center_id: Uuid,
    #[validate(range(min = 1, max = 10000, message = "must be between 1 and 10000"))]
    #[schema(minimum = 1, maximum = 10000, example = 18)]
    pub quantity: i64,
}

/// "Split": quantities per cost center that sum to the line's quantity.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SplitRequest {
    #[validate(length(min = 1, max = 100, message = "must have 1 to 100 allocations"), nested)]
    #[schema(min_items = 1, max_items = 100)]
    pub allocations: Vec<AllocationInput>,
}

/// Snapshots the cart (lines and current prices) into a checkout that lives 24 hours.
#[utoipa::path(
    tag = "checkout",
    responses(
        (status = 201, description = "The new checkout", body = Checkout),
        docs::Unauthorized, docs::Forbidden, docs::Conflict, docs::Unavailable
    ),
    security(("bearer" = ["billing:write"]))
)]
#[post("/checkouts")]
pub async fn create_checkout(
    principal: Principal,
    state: web::Data<AppState>,
    request_id: tracing_actix_web::RequestId,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::BillingWrite)?;
    let checkout = checkouts::create(&state.db, &principal, &request_id.to_string()).await?;
    Ok(HttpResponse::Created().json(checkout))
}

/// A checkout with its lines and their allocations.
#[utoipa::path(
    tag = "checkout",
    params(("id" = Uuid, Path, description = "Checkout id")),
    responses(
        (status = 200, description = "The checkout", body = Checkout),
        docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Unavailable
    ),
    security(("bearer" = ["billing:write"]))
)]
#[get("/checkouts/{id}")]
pub async fn get_checkout(
    principal: Principal,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::BillingWrite)?;
    Ok(HttpResponse::Ok().json(checkouts::get(&state.db, &principal, path.into_inner()).await?))
}

/// "Review Items": changes a line's quantity. A single whole-line allocation follows the new
/// quantity; a split is cleared (it would no longer sum) and must be made again.
#[utoipa::path(
    tag = "checkout",
    params(("id" = Uuid, Path, description = "Checkout id"), ("line_id" = Uuid, Path, description = "Line id")),
    request_body = QuantityRequest,
    responses(
        (status = 200, description = "The checkout after the change", body = Checkout),
        docs::BadRequest, docs::Unauthorized, docs::Forbidden, docs::NotFound,
        (status = 409, description = "`checkout_expired` or `checkout_completed`", body = crate::error::Problem, content_type = "application/problem+json"),
        docs::UnsupportedMediaType, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["billing:write"]))
)]
#[patch("/checkouts/{id}/lines/{line_id}")]
pub async fn update_line(
    principal: Principal,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidJson<QuantityRequest>,
    request_id: tracing_actix_web::RequestId,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::BillingWrite)?;
    let (id, line_id) = path.into_inner();
    let quantity = body.0.quantity as i32;
    let checkout =
        checkouts::set_line_quantity(&state.db, &principal, id, line_id, quantity, &request_id.to_string()).await?;
    Ok(HttpResponse::Ok().json(checkout))
}

/// "Assign to Selected" / "Assign to All": puts the chosen lines wholly on one cost center.
#[utoipa::path(
    tag = "checkout",
    params(("id" = Uuid, Path, description = "Checkout id")),
    request_body = CostCenterAssignment,
    responses(
        (status = 200, description = "The checkout after the change", body = Checkout),
        docs::BadRequest, docs::Unauthorized, docs::Forbidden, docs::NotFound,
        (status = 409, description = "`checkout_expired` or `checkout_completed`", body = crate::error::Problem, content_type = "application/problem+json"),
        docs::UnsupportedMediaType, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["billing:write"]))
)]
#[post("/checkouts/{id}/cost-center-assignments")]
pub async fn assign_cost_center(
    principal: Principal,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidJson<CostCenterAssignment>,
    request_id: tracing_actix_web::RequestId,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::BillingWrite)?;
    let CostCenterAssignment { cost_center_id, line_ids } = body.0;
    let checkout = checkouts::assign_cost_center(
        &state.db,
        &principal,
        path.into_inner(),
        cost_center_id,
        line_ids,
        &request_id.to_string(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(checkout))
}

/// "Split": replaces a line's allocations. Quantities ≥ 1 must sum to the line's quantity,
/// each cost center at most once, all of the caller's account.
#[utoipa::path(
    tag = "checkout",
    params(("id" = Uuid, Path, description = "Checkout id"), ("line_id" = Uuid, Path, description = "Line id")),
    request_body = SplitRequest,
    responses(
        (status = 200, description = "The checkout after the change", body = Checkout),
        docs::BadRequest, docs::Unauthorized, docs::Forbidden, docs::NotFound,
        (status = 409, description = "`checkout_expired` or `checkout_completed`", body = crate::error::Problem, content_type = "application/problem+json"),
        docs::UnsupportedMediaType, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["billing:write"]))
)]
#[put("/checkouts/{id}/lines/{line_id}/allocations")]
pub async fn split_line(
    principal: Principal,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidJson<SplitRequest>,
    request_id: tracing_actix_web::RequestId,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::BillingWrite)?;
    let (id, line_id) = path.into_inner();
    let allocations = body.0.allocations.into_iter().map(|a| (a.cost_center_id, a.quantity as i32)).collect();
    let checkout =
        checkouts::split_line(&state.db, &principal, id, line_id, allocations, &request_id.to_string()).await?;
    Ok(HttpResponse::Ok().json(checkout))
}

/// "Review Order": the itemized charges if the checkout were completed today.
#[utoipa::path(
    tag = "checkout",
    params(("id" = Uuid, Path, description = "Checkout id")),
    responses(
        (status = 200, description = "The quote", body = Quote),
        docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Unavailable
    ),
    security(("bearer" = ["billing:write"]))
)]
#[get("/checkouts/{id}/quote")]
pub async fn get_quote(
    principal: Principal,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::BillingWrite)?;
    Ok(HttpResponse::Ok().json(quote::for_checkout(&state.db, &principal, path.into_inner()).await?))
}
