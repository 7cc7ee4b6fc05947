//! Cost centers: search, create ("New" in the checkout) and change.

use actix_web::{get, patch, post, web, HttpResponse};
use serde::{Deserialize, Deserializer};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{Permission, Principal};
use crate::error::ApiError;
use crate::routes::docs;
use crate::routes::extract::{QueryParams, ValidJson};
use crate::routes::pagination::{page_limit, Page};
use crate::services::cost_centers::{self, CostCenterChange};
use crate::services::views::CostCenter;
use crate::startup::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_cost_centers).service(create_cost_center).service(update_cost_center);
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CostCenterQuery {
    /// Case-insensitive substring of the code or name.
    #[validate(length(max = 100, message = "must be at most 100 characters"))]
    #[param(max_length = 100)]
    pub q: Option<String>,
    pub cursor: Option<String>,
    /// 1–200, default 50.
    #[param(minimum = 1, maximum = 200)]
    #[serde(default, deserialize_with = "crate::routes::extract::present")]
    pub limit: Option<u32>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCostCenter {
    /// 1–32 characters of `A-Z a-z 0-9 - _ .`, unique in the account (case-insensitively).
    #[schema(example = "CC-500", pattern = r"^\s*[A-Za-z0-9._-]{1,32}\s*$")]
    pub code: String,
    #[validate(length(min = 1, max = 200, message = "must be 1 to 200 characters"))]
    #[schema(example = "Customer Success", min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    pub parent_id: Option<Uuid>,
}

/// Only the fields sent change; `"parent_id": null` removes the parent.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CostCenterPatch {
    #[schema(pattern = r"^\s*[A-Za-z0-9._-]{1,32}\s*$")]
    pub code: Option<String>,
    #[validate(length(min = 1, max = 200, message = "must be 1 to 200 characters"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub parent_id: Option<Option<Uuid>>,
}

/// Distinguishes `"parent_id": null` (Some(None)) from an absent field (None).
fn present<'de, D: Deserializer<'de>>(de: D) -> Result<Option<Option<Uuid>>, D::Error> {
    Option::<Uuid>::deserialize(de).map(Some)
}

/// Cost centers of the account, by code.
#[utoipa::path(
    tag = "cost-centers",
    params(CostCenterQuery),
    responses(
        (status = 200, description = "One page of cost centers", body = Page<CostCenter>),
        docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["billing:read"]))
)]
#[get("/cost-centers")]
pub async fn list_cost_centers(
    principal: Principal,
    state: web::Data<AppState>,
    query: QueryParams<CostCenterQuery>,
) -> Result<HttpResponse, ApiError> {
    if !principal.can(Permission::LicensesRead) {
        principal.require(Permission::BillingRead)?;
    }
    let CostCenterQuery { q, cursor, limit } = query.0;
    let limit = page_limit(limit)?;
    let page = cost_centers::list(&state.db, &principal, q.as_deref(), cursor.as_deref(), limit).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Creates a cost center ("New").
#[utoipa::path(
    tag = "cost-centers",
    request_body = NewCostCenter,
    responses(
        (status = 201, description = "The new cost center", body = CostCenter),
        docs::BadRequest, docs::Unauthorized, docs::Forbidden, docs::NotFound,
        (status = 409, description = "`cost_center_code_taken`", body = crate::error::Problem, content_type = "application/problem+json"),
        docs::UnsupportedMediaType, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["billing:write"]))
)]
#[post("/cost-centers")]
pub async fn create_cost_center(
    principal: Principal,
    state: web::Data<AppState>,
    body: ValidJson<NewCostCenter>,
    request_id: tracing_actix_web::RequestId,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::CostCentersWrite)?;
    let NewCostCenter { code, name, parent_id } = body.0;
    let created = cost_centers::create(&state.db, &principal, &code, &name, parent_id, &request_id.to_string()).await?;
    Ok(HttpResponse::Created().json(created))
}

/// Changes a cost center's code, name or parent (no cycles). A new code is reflected in the
/// license search at once.
#[utoipa::path(
    tag = "cost-centers",
    params(("id" = Uuid, Path, description = "Cost center id")),
    request_body = CostCenterPatch,
    responses(
        (status = 200, description = "The cost center after the change", body = CostCenter),
        docs::BadRequest, docs::Unauthorized, docs::Forbidden, docs::NotFound,
        (status = 409, description = "`cost_center_code_taken`", body = crate::error::Problem, content_type = "application/problem+json"),
        docs::UnsupportedMediaType, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["billing:write"]))
)]
#[patch("/cost-centers/{id}")]
pub async fn update_cost_center(
    principal: Principal,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidJson<CostCenterPatch>,
    request_id: tracing_actix_web::RequestId,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::CostCentersWrite)?;
    let CostCenterPatch { code, name, parent_id } = body.0;
    let change = CostCenterChange { code, name, parent_id };
    let updated =
        cost_centers::update(&state.db, &principal, path.into_inner(), change, &request_id.to_string()).await?;
    Ok(HttpResponse::Ok().json(updated))
}
