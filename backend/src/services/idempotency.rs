//! `Idempotency-Key` for mutating POSTs: claim the key, do the work, store the response in the
//! work's own transaction (`finish`), or `release` the key when the work failed.
//!
//! - first use: an `in_progress` row, committed on its own before the work starts;
//! - same key and request after completion: the stored response (`Idempotent-Replayed: true`);
//! - same key, other request: 422; same key while the first attempt runs: 409 `idempotency_key_in_use`;
//! - an `in_progress` row older than `STALE_AFTER_SECS` belongs to a dead attempt (its
//!   transaction never committed, or it would be `completed`) and is taken over; the
//!   `created_at` of the claim fences it, so a slow original can no longer store its response.
//! - keys live `TTL_HOURS`; an expired key may be reused.

use actix_web::http::header::HeaderMap;
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use crate::auth::Principal;
use crate::domain::time::now_utc;
use crate::error::ApiError;
use crate::storage::{idempotency as store, Db, Tx};

pub const HEADER: &str = "Idempotency-Key";
pub const TTL_HOURS: i64 = 24;
pub const STALE_AFTER_SECS: i64 = 60;

/// A key this request now owns.
#[derive(Debug, Clone)]
pub struct Claim {
    pub principal_id: uuid::Uuid,
    pub key: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct StoredResponse {
    pub status: u16,
    pub body: String,
}

pub enum Claimed {
    Fresh(Claim),
    Replay(StoredResponse),
}

/// The required header: 1–255 visible ASCII characters, else 400.
pub fn key_from_headers(headers: &HeaderMap) -> Result<String, ApiError> {
    let value = headers.get(HEADER).ok_or_else(|| {
        ApiError::BadRequest(format!("the {HEADER} header is required (any unique string, e.g. a UUID)"))
    })?;
    let key = value.to_str().map(str::trim).unwrap_or_default();
    if key.is_empty() || key.len() > 255 || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(ApiError::BadRequest(format!("the {HEADER} header must be 1 to 255 visible ASCII characters")));
    }
    Ok(key.to_string())
}

/// What makes two requests "the same": method, path and the exact body bytes.
pub fn request_hash(method: &str, path: &str, body: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(method.as_bytes());
    hasher.update(b" ");
    hasher.update(path.as_bytes());
    hasher.update(b"\n");
    hasher.update(body);
    hex::encode(hasher.finalize())
}

pub async fn claim(db: &Db, principal: &Principal, key: &str, hash: &str) -> Result<Claimed, ApiError> {
    let principal_id = principal.id();
    // A few rounds: a row may vanish (released, expired) between our insert and our read.
    for _ in 0..5 {
        let now = now_utc();
        let expires = now + Duration::hours(TTL_HOURS);
        if store::try_insert(db, principal.account_id, principal_id, key, hash, now, expires).await? {
            return Ok(Claimed::Fresh(Claim { principal_id, key: key.to_string(), created_at: now }));
        }
        let Some(existing) = store::get(db, principal_id, key).await? else { continue };
        if existing.expires_at <= now {
            store::delete_expired(db, principal_id, key, now).await?;
            continue;
        }
        if existing.request_hash != hash {
            return Err(ApiError::validation(
                HEADER,
                "was already used for a different request; use a new key for a new request",
            ));
        }
        if existing.status == "completed" {
            return Ok(Claimed::Replay(StoredResponse {
                status: existing.response_status.and_then(|s| u16::try_from(s).ok()).unwrap_or(200),
                body: existing.response_body.unwrap_or_default(),
            }));
        }
        if existing.created_at < now - Duration::seconds(STALE_AFTER_SECS) {
            if store::take_over(db, principal_id, key, existing.created_at, now, expires).await? {
                return Ok(Claimed::Fresh(Claim { principal_id, key: key.to_string(), created_at: now }));
            }
            continue;
        }
        return Err(in_use());
    }
    Err(in_use())
}

fn in_use() -> ApiError {
    ApiError::conflict(
        "idempotency_key_in_use",
        "a request with this Idempotency-Key is still being processed; retry shortly",
    )
}

/// Stores the response in the work's transaction, so the work and its response commit together.
pub async fn finish(tx: &mut Tx, claim: &Claim, status: u16, body: &str) -> Result<(), ApiError> {
    if store::complete(tx, claim.principal_id, &claim.key, claim.created_at, status, body).await? {
        Ok(())
    } else {
        Err(in_use())
    }
}

/// Frees the key after a failed attempt (nothing was committed), so the client can retry.
pub async fn release(db: &Db, claim: &Claim) {
    if let Err(err) = store::delete_attempt(db, claim.principal_id, &claim.key, claim.created_at).await {
        // The row then turns stale after STALE_AFTER_SECS and is taken over: safe, only slower.
        tracing::warn!(error = %err, "could not release an idempotency key");
    }
}
