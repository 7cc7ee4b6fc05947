//! The authenticated caller, extracted from `Authorization: Bearer <JWT>` by every handler
//! that takes a `Principal` argument. Permission checks go through `Principal::require`.

use std::future::Future;
use std::pin::Pin;

use actix_web::{dev::Payload, web, FromRequest, HttpMessage, HttpRequest};
use uuid::Uuid;

use super::permissions::{Permission, Role, Scope};
use crate::error::ApiError;
use crate::startup::AppState;
use crate::storage;

#[derive(Debug, Clone)]
pub enum Actor {
    Member { id: Uuid, role: Role },
    ApiClient { id: Uuid, scopes: Vec<Scope> },
}

#[derive(Debug, Clone)]
pub struct Principal {
    pub account_id: Uuid,
    pub actor: Actor,
    /// Email or client id, for the audit trail.
    pub label: String,
}

impl Principal {
    /// The member's or API client's id: carts and idempotency keys are scoped to it.
    pub fn id(&self) -> Uuid {
        match &self.actor {
            Actor::Member { id, .. } | Actor::ApiClient { id, .. } => *id,
        }
    }

    pub fn actor_type(&self) -> &'static str {
        match self.actor {
            Actor::Member { .. } => "member",
            Actor::ApiClient { .. } => "api_client",
        }
    }

    pub fn can(&self, permission: Permission) -> bool {
        match &self.actor {
            Actor::Member { role, .. } => role.allows(permission),
            Actor::ApiClient { scopes, .. } => scopes.iter().any(|s| s.allows(permission)),
        }
    }

    /// `Ok` when the caller may do it, else 403 (recorded by the denied-attempt audit).
    pub fn require(&self, permission: Permission) -> Result<(), ApiError> {
        if self.can(permission) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!("your role or scopes do not allow you to {}", permission.describe())))
        }
    }

    fn from_claims(claims: super::jwt::Claims) -> Result<Principal, ApiError> {
        let actor = match claims.typ.as_str() {
            "member" => {
                let role = claims.role.as_deref().and_then(Role::parse).ok_or_else(invalid)?;
                Actor::Member { id: claims.sub, role }
            }
            "api_client" => Actor::ApiClient {
                id: claims.sub,
                scopes: Scope::parse_list(claims.scope.as_deref().unwrap_or_default()),
            },
            _ => return Err(invalid()),
        };
        Ok(Principal { account_id: claims.acc, actor, label: claims.name })
    }
}

fn invalid() -> ApiError {
    ApiError::Unauthorized("token is invalid".into())
}

impl FromRequest for Principal {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("AppState missing")))?;
            let token = bearer_token(&req)?;
            let claims = state.jwt.verify(token).map_err(ApiError::Unauthorized)?;
            let principal = Principal::from_claims(claims)?;
            // A revoked API client loses access at once, not when its token expires.
            if let Actor::ApiClient { id, .. } = principal.actor {
                if !storage::api_clients::is_active(&state.db, principal.account_id, id).await? {
                    return Err(ApiError::Unauthorized("API client has been revoked".into()));
                }
            }
            req.extensions_mut().insert(principal.clone());
            Ok(principal)
        })
    }
}

fn bearer_token(req: &HttpRequest) -> Result<&str, ApiError> {
    let header = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .ok_or_else(|| ApiError::Unauthorized("missing Authorization: Bearer token".into()))?;
    let value = header.to_str().map_err(|_| invalid())?;
    match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => Ok(token.trim()),
        _ => Err(ApiError::Unauthorized("Authorization must be `Bearer <token>`".into())),
    }
}
