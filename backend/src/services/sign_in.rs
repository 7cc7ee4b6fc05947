//! Signing in: checking credentials and issuing a token.

use crate::auth::jwt::{TokenSubject, TOKEN_TTL_SECS};
use crate::auth::password::{burn_verification_time, verify_password};
use crate::auth::secrets::{constant_time_eq, sha256_hex};
use crate::error::ApiError;
use crate::startup::AppState;
use crate::storage;

pub enum Credentials {
    Password { email: String, password: String },
    ClientCredentials { client_id: String, client_secret: String },
}

impl Credentials {
    /// Who is trying, for the audit log (never the secret).
    pub fn label(&self) -> &str {
        match self {
            Credentials::Password { email, .. } => email,
            Credentials::ClientCredentials { client_id, .. } => client_id,
        }
    }
}

pub struct IssuedToken {
    pub access_token: String,
    pub expires_in: i64,
}

fn rejected() -> ApiError {
    ApiError::Unauthorized("the credentials are not valid".into())
}

pub async fn sign_in(state: &AppState, credentials: Credentials) -> Result<IssuedToken, ApiError> {
    let subject = match credentials {
        Credentials::Password { email, password } => {
            let member = storage::members::find_by_email(&state.db, email.trim()).await?;
            // Argon2 runs on a blocking thread; an unknown email costs the same as a wrong password.
            let verified = web_block(move || match member {
                Some(m) if verify_password(&password, &m.password_hash) => Some(m),
                Some(_) => None,
                None => {
                    burn_verification_time(&password);
                    None
                }
            })
            .await?;
            let member = verified.ok_or_else(rejected)?;
            TokenSubject {
                sub: member.id,
                acc: member.account_id,
                typ: "member",
                name: member.email,
                role: Some(member.role),
                scope: None,
            }
        }
        Credentials::ClientCredentials { client_id, client_secret } => {
            let client = storage::api_clients::find_active_by_client_id(&state.db, &client_id).await?;
            let presented = sha256_hex(&client_secret);
            match client {
                Some(c) if constant_time_eq(&presented, &c.secret_hash) => TokenSubject {
                    sub: c.id,
                    acc: c.account_id,
                    typ: "api_client",
                    name: c.client_id,
                    role: None,
                    scope: Some(c.scopes),
                },
                _ => return Err(rejected()),
            }
        }
    };
    Ok(IssuedToken { access_token: state.jwt.issue(subject), expires_in: TOKEN_TTL_SECS })
}

async fn web_block<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
    actix_web::web::block(f).await.map_err(|e| ApiError::Internal(anyhow::anyhow!("blocking task failed: {e}")))
}
