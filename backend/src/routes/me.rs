//! `GET /me`: who the token belongs to and what it may do (the SPA hides what it may not).

use actix_web::{get, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::auth::{Actor, Permission, Principal, Role, Scope};
use crate::error::ApiError;
use crate::routes::docs;
use crate::startup::AppState;
use crate::storage;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(me);
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AccountSummary {
    pub id: Uuid,
    #[schema(example = "Acme Corp")]
    pub name: String,
    /// ISO 4217.
    #[schema(example = "USD")]
    pub currency: String,
}

/// The signed-in caller.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Me {
    /// `member` or `api_client`.
    #[schema(example = "member")]
    pub kind: String,
    pub id: Uuid,
    /// Email (member) or client id (API client).
    pub label: String,
    /// The member's role; absent for API clients.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// The API client's scopes; absent for members.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<Scope>>,
    /// What the caller may do, as scope names (`licenses:write`, …) plus
    /// `members:manage` and `api_clients:manage` for owners.
    pub permissions: Vec<String>,
    pub account: AccountSummary,
}

fn permission_names(principal: &Principal) -> Vec<String> {
    let mut names: Vec<String> =
        Scope::ALL.iter().filter(|s| principal.can(scope_permission(**s))).map(|s| s.as_str().to_string()).collect();
    if principal.can(Permission::MembersManage) {
        names.push("members:manage".into());
    }
    if principal.can(Permission::ApiClientsManage) {
        names.push("api_clients:manage".into());
    }
    names
}

fn scope_permission(scope: Scope) -> Permission {
    match scope {
        Scope::LicensesRead => Permission::LicensesRead,
        Scope::LicensesWrite => Permission::LicensesWrite,
        Scope::BillingRead => Permission::BillingRead,
        Scope::BillingWrite => Permission::BillingWrite,
        Scope::DirectoryRead => Permission::DirectoryRead,
        Scope::DirectoryWrite => Permission::DirectoryWrite,
        Scope::AuditRead => Permission::AuditRead,
    }
}

/// The caller's identity, account and permissions.
#[utoipa::path(
    tag = "auth",
    responses((status = 200, description = "The caller", body = Me), docs::Unauthorized, docs::Unavailable),
    security(("bearer" = []))
)]
#[get("/me")]
pub async fn me(principal: Principal, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let account =
        storage::accounts::get(&state.db, principal.account_id).await?.ok_or(ApiError::NotFound("account"))?;
    let (role, scopes) = match &principal.actor {
        Actor::Member { role, .. } => (Some(*role), None),
        Actor::ApiClient { scopes, .. } => (None, Some(scopes.clone())),
    };
    Ok(HttpResponse::Ok().json(Me {
        kind: principal.actor_type().into(),
        id: principal.id(),
        label: principal.label.clone(),
        role,
        scopes,
        permissions: permission_names(&principal),
        account: AccountSummary { id: account.id, name: account.name, currency: account.currency },
    }))
}
