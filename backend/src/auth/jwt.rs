//! Access tokens: HS256 JWTs with a pinned algorithm, issuer, audience, expiry and a `kid`
//! so that the signing secret can rotate (tokens signed with a retired key fail with 401).

use std::collections::HashMap;

use chrono::Utc;
use jsonwebtoken::{decode, decode_header, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::secrets::sha256_hex;

pub const ISSUER: &str = "seatdesk";
pub const AUDIENCE: &str = "seatdesk-api";
pub const TOKEN_TTL_SECS: i64 = 3600;

/// What a Seatdesk access token says.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    /// The member's or API client's id.
    pub sub: Uuid,
    /// The account (tenant) the caller belongs to.
    pub acc: Uuid,
    /// `member` or `api_client`.
    pub typ: String,
    /// The member's email or the client's `client_id`, for audit trails.
    #[serde(default)]
    pub name: String,
    /// A member's role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// An API client's space-separated scopes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
}

/// Who a new token is for.
pub struct TokenSubject {
    pub sub: Uuid,
    pub acc: Uuid,
    pub typ: &'static str,
    pub name: String,
    pub role: Option<String>,
    pub scope: Option<String>,
}

pub struct JwtKeys {
    kid: String,
    encoding: EncodingKey,
    decoding: HashMap<String, DecodingKey>,
}

impl JwtKeys {
    /// `secret` signs new tokens; `previous` secrets still verify tokens they signed.
    pub fn new(secret: &str, previous: &[String]) -> Self {
        let mut decoding = HashMap::new();
        for s in previous.iter().map(String::as_str).chain(std::iter::once(secret)) {
            decoding.insert(key_id(s), DecodingKey::from_secret(s.as_bytes()));
        }
        JwtKeys { kid: key_id(secret), encoding: EncodingKey::from_secret(secret.as_bytes()), decoding }
    }

    /// A token for `sub` in account `acc`, valid from now for `TOKEN_TTL_SECS`.
    pub fn issue(&self, subject: TokenSubject) -> String {
        let now = Utc::now().timestamp();
        let TokenSubject { sub, acc, typ, name, role, scope } = subject;
        let claims = Claims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub,
            acc,
            typ: typ.into(),
            name,
            role,
            scope,
            iat: now,
            nbf: now,
            exp: now + TOKEN_TTL_SECS,
        };
        self.sign(&claims)
    }

    pub fn sign(&self, claims: &Claims) -> String {
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(self.kid.clone());
        encode(&header, claims, &self.encoding).expect("HS256 signing cannot fail")
    }

    /// Verifies signature, algorithm, `kid`, `iss`, `aud`, `exp` and `nbf`.
    pub fn verify(&self, token: &str) -> Result<Claims, String> {
        let header = decode_header(token).map_err(|_| "malformed token".to_string())?;
        if header.alg != Algorithm::HS256 {
            return Err("unsupported token algorithm".into());
        }
        let kid = header.kid.ok_or("token has no key id")?;
        let key = self.decoding.get(&kid).ok_or("token was signed with an unknown key")?;
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.validate_nbf = true;
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        decode::<Claims>(token, key, &validation).map(|data| data.claims).map_err(|e| {
            use jsonwebtoken::errors::ErrorKind;
            match e.kind() {
                ErrorKind::ExpiredSignature => "token has expired".to_string(),
                ErrorKind::ImmatureSignature => "token is not valid yet".to_string(),
                ErrorKind::InvalidAudience => "token is for another audience".to_string(),
                ErrorKind::InvalidIssuer => "token is from another issuer".to_string(),
                ErrorKind::InvalidSignature => "token signature is invalid".to_string(),
                _ => "token is invalid".to_string(),
            }
        })
    }
}

fn key_id(secret: &str) -> String {
    sha256_hex(secret)[..16].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(sub: Uuid, acc: Uuid) -> TokenSubject {
        TokenSubject { sub, acc, typ: "member", name: "a@b.example".into(), role: Some("owner".into()), scope: None }
    }

    #[test]
    fn an_issued_token_verifies_and_carries_its_claims() {
        let keys = JwtKeys::new("secret-one", &[]);
        let (sub, acc) = (Uuid::new_v4(), Uuid::new_v4());
        let token = keys.issue(subject(sub, acc));
        let claims = keys.verify(&token).unwrap();
        assert_eq!((claims.sub, claims.acc, claims.role.as_deref()), (sub, acc, Some("owner")));
    }

    #[test]
    fn a_token_from_another_key_fails_but_a_rotated_key_still_verifies() {
        let old = JwtKeys::new("old-secret", &[]);
        let token = old.issue(subject(Uuid::new_v4(), Uuid::new_v4()));
        assert!(JwtKeys::new("new-secret", &[]).verify(&token).is_err());
        assert!(JwtKeys::new("new-secret", &["old-secret".into()]).verify(&token).is_ok());
    }
}
