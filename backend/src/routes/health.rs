//! Liveness and readiness probes, at the root (not under /api/v1).

use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ApiError, Problem};
use crate::startup::AppState;

#[derive(Serialize, ToSchema)]
pub struct HealthStatus {
    /// `ok` when the check passed.
    #[schema(example = "ok")]
    pub status: String,
}

/// Liveness: the process is up and serving.
#[utoipa::path(
    tag = "service",
    responses((status = 200, description = "The process is up", body = HealthStatus))
)]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(HealthStatus { status: "ok".into() })
}

/// Readiness: the database answers.
#[utoipa::path(
    tag = "service",
    responses(
        (status = 200, description = "Ready to serve", body = HealthStatus),
        (status = 503, description = "The database is unreachable", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state.db.ping().await.map_err(|err| {
        tracing::warn!(error = %err, "readiness check failed");
        ApiError::Unavailable("the database is unreachable".into())
    })?;
    Ok(HttpResponse::Ok().json(HealthStatus { status: "ok".into() }))
}
