//! `POST /auth/token`: sign-in for members (password) and partner systems (client credentials).

use actix_web::{post, web, HttpMessage, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{Discriminator, OneOfBuilder, Schema};
use utoipa::openapi::{Ref, RefOr};
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

/// The two grants. `grant_type` chooses which fields apply. Its schema (below) is
/// `PasswordGrant | ClientCredentialsGrant` with a discriminator, each closed to unknown fields,
/// because utoipa does not mark enum variants `additionalProperties: false` on its own.
#[derive(Debug, Deserialize)]
#[serde(tag = "grant_type", rename_all = "snake_case", deny_unknown_fields)]
pub enum TokenRequest {
    Password { email: String, password: String },
    ClientCredentials { client_id: String, client_secret: String },
}

/// A portal member signs in with email and password.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // documents the wire shape; `TokenRequest` deserializes it
pub struct PasswordGrant {
    #[schema(inline)]
    grant_type: PasswordGrantType,
    #[schema(example = "owner@acme.example")]
    email: String,
    #[schema(example = "seatdesk-demo")]
    password: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
enum PasswordGrantType {
    Password,
}

/// A partner system signs in with its client id and the secret shown at its creation.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // documents the wire shape; `TokenRequest` deserializes it
pub struct ClientCredentialsGrant {
    #[schema(inline)]
    grant_type: ClientCredentialsGrantType,
    client_id: String,
    client_secret: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
enum ClientCredentialsGrantType {
    ClientCredentials,
}

impl utoipa::PartialSchema for TokenRequest {
    fn schema() -> RefOr<Schema> {
        let mapping = [
            ("password", "#/components/schemas/PasswordGrant"),
            ("client_credentials", "#/components/schemas/ClientCredentialsGrant"),
        ];
        OneOfBuilder::new()
            .item(Ref::from_schema_name(PasswordGrant::name()))
            .item(Ref::from_schema_name(ClientCredentialsGrant::name()))
            .discriminator(Some(Discriminator::with_mapping("grant_type", mapping)))
            .description(Some("The two grants. `grant_type` chooses which fields apply."))
            .into()
    }
}

impl ToSchema for TokenRequest {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        use utoipa::PartialSchema;
        schemas.push((PasswordGrant::name().into(), PasswordGrant::schema()));
        schemas.push((ClientCredentialsGrant::name().into(), ClientCredentialsGrant::schema()));
    }
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
