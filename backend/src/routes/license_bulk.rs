//! `POST /licenses/bulk`: many assigns and unassigns in one request, each on its own.

use actix_web::{post, web, HttpResponse};
use tracing_actix_web::RequestId;

use crate::auth::{Permission, Principal};
use crate::error::ApiError;
use crate::routes::docs;
use crate::routes::extract::ValidJson;
use crate::routes::license_models::{BulkRequest, BulkResponse};
use crate::services::licenses_bulk;
use crate::startup::AppState;

/// Apply up to 1,000 assign/unassign changes.
///
/// Each item is its own transaction with its own audit event: one failing item does not stop
/// the others. Every item gets a result (in request order) with the status and problem `code`
/// it would have had alone; `succeeded` counts the ones that were applied.
#[utoipa::path(
    tag = "licenses",
    request_body = BulkRequest,
    responses(
        (status = 200, description = "One result per item", body = BulkResponse),
        docs::BadRequest, docs::Unauthorized, docs::Forbidden, docs::PayloadTooLarge,
        docs::UnsupportedMediaType, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["licenses:write"]))
)]
#[post("/licenses/bulk")]
pub async fn bulk_change(
    principal: Principal,
    state: web::Data<AppState>,
    request_id: RequestId,
    body: ValidJson<BulkRequest>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::LicensesWrite)?;
    let response = licenses_bulk::apply(&state.db, &principal, body.0.items, &request_id.to_string()).await?;
    Ok(HttpResponse::Ok().json(response))
}
