//! `GET /audit-events`: the account's audit trail, newest first.

use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{Permission, Principal};
use crate::error::ApiError;
use crate::routes::docs;
use crate::routes::extract::QueryParams;
use crate::services::audit_log;
use crate::startup::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_audit_events);
}

#[derive(Debug, Clone, Default, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditFilter {
    /// The actor's id (member or API client), or its label (email / client id).
    #[validate(length(min = 1, max = 320))]
    pub actor: Option<String>,
    /// An exact action (`license.assign`), or a prefix ending in `.` (`license.`).
    #[validate(length(min = 1, max = 100))]
    #[param(max_length = 100)]
    pub action: Option<String>,
    /// The object's id (e.g. a license id).
    #[validate(length(min = 1, max = 200))]
    #[param(max_length = 200)]
    pub object: Option<String>,
    /// Only events at or after this time (RFC 3339).
    #[serde(default, deserialize_with = "crate::routes::extract::present")]
    pub since: Option<DateTime<Utc>>,
    /// Only events before this time (RFC 3339); before `since`, nothing matches.
    #[serde(default, deserialize_with = "crate::routes::extract::present")]
    pub until: Option<DateTime<Utc>>,
    pub cursor: Option<String>,
    /// 1–200, default 50.
    #[param(minimum = 1, maximum = 200)]
    #[serde(default, deserialize_with = "crate::routes::extract::present")]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AuditActor {
    /// `member`, `api_client`, `system` or `anonymous`.
    #[serde(rename = "type")]
    pub actor_type: String,
    pub id: Option<Uuid>,
    /// Email or client id.
    pub label: String,
}

/// One entry of the append-only audit log.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AuditEvent {
    pub id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub actor: AuditActor,
    #[schema(example = "license.assign")]
    pub action: String,
    #[schema(example = "license")]
    pub object_type: String,
    pub object_id: String,
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
    /// `success`, `denied` or `failed`.
    pub outcome: String,
    pub request_id: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditEventPage {
    pub items: Vec<AuditEvent>,
    pub next_cursor: Option<String>,
}

/// The caller's account's audit events, newest first (keyset by time and id).
#[utoipa::path(
    tag = "audit",
    params(AuditFilter),
    responses(
        (status = 200, description = "A page of audit events", body = AuditEventPage),
        docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["audit:read"]))
)]
#[get("/audit-events")]
pub async fn list_audit_events(
    principal: Principal,
    state: web::Data<AppState>,
    filter: QueryParams<AuditFilter>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::AuditRead)?;
    let page = audit_log::list(&state.db, principal.account_id, &filter.0).await?;
    Ok(HttpResponse::Ok().json(page))
}
