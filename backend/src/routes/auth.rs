//! `POST /auth/token`: sign-in for members (password) and partner systems (client credentials).

use actix_web::{post, web, HttpMessage, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

use crate::auth::denied_audit::AttemptedAs;
use crate::error::ApiError;
use crate::routes::docs;
use crate::routes::extract::ValidJson;
use crate::services::sign_in::{self, Credentials, IssuedToken};
use crate::startup::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(issue_token);
}

/// The two grants. `grant_type` chooses which fields apply.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "grant_type", rename_all = "snake_case", deny_unknown_fields)]
pub enum TokenRequest {
    /// A portal member signs in with email and password.
    Password {
        #[schema(example = "owner@acme.example")]
        email: String,
        #[schema(example = "seatdesk-demo")]
        password: String,
    },
    /// A partner system signs in with its client id and the secret shown at its creation.
    ClientCredentials { client_id: String, client_secret: String },
}

// Field rules live in the grant handling; there is nothing structural to check here.
impl Validate for TokenRequest {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        Ok(())
    }
}

/// A bearer token for `Authorization: Bearer <access_token>`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the token expires.
    #[schema(example = 3600)]
    pub expires_in: i64,
}

/// Exchange credentials for an access token.
///
/// A wrong email and a wrong password get the same answer in the same time.
/// Attempts are limited per client IP and per email / `client_id` (by default 30 and 10 a
/// minute); beyond that the answer is 429 with `Retry-After` in seconds.
#[utoipa::path(
    tag = "auth",
    request_body = TokenRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        docs::BadRequest, docs::Unauthorized, docs::UnsupportedMediaType, docs::Unprocessable,
        docs::TooManyRequests, docs::Unavailable
    ),
    security(())
)]
#[post("/auth/token")]
pub async fn issue_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ValidJson<TokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let credentials = match body.0 {
        TokenRequest::Password { email, password } => Credentials::Password { email, password },
        TokenRequest::ClientCredentials { client_id, client_secret } => {
            Credentials::ClientCredentials { client_id, client_secret }
        }
    };
    req.extensions_mut().insert(AttemptedAs(credentials.label().to_string()));
    // Limits are spent before any credential is checked, so a throttled guess costs no argon2.
    // The direct peer address is used: a forwarded-for header is the caller's to forge.
    if let Some(peer) = req.peer_addr() {
        state.sign_in_limiter.check_ip(peer.ip())?;
    }
    state.sign_in_limiter.check_identity(credentials.label())?;
    let IssuedToken { access_token, expires_in } = sign_in::sign_in(&state, credentials).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(TokenResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in,
    }))
}
