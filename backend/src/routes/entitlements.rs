//! `GET /users/{id}/entitlements`: may this person use Live Reports, and through which license.

use actix_web::{get, web, HttpResponse};
use uuid::Uuid;

use crate::auth::{Permission, Principal};
use crate::error::ApiError;
use crate::routes::docs;
use crate::routes::license_models::UserEntitlements;
use crate::services::entitlements;
use crate::startup::AppState;

/// The user's entitlements. Each check records its time as the licenses' `last_used_at`, so
/// unused seats can be found (`GET /licenses?unused_since=…` or `sort=last_used_at`).
#[utoipa::path(
    tag = "licenses",
    params(("id" = Uuid, Path, description = "Directory user id")),
    responses(
        (status = 200, description = "What the user may use", body = UserEntitlements),
        docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Unavailable
    ),
    security(("bearer" = ["licenses:read"]))
)]
#[get("/users/{id}/entitlements")]
pub async fn user_entitlements(
    principal: Principal,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::LicensesRead)?;
    let result = entitlements::check(&state.db, principal.account_id, *id).await?;
    Ok(HttpResponse::Ok().json(result))
}
