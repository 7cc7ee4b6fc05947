//! Idempotency keys: one row per (principal, key), `in_progress` until the response is stored.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Db, Tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct KeyRow {
    pub request_hash: String,
    pub status: String,
    pub response_status: Option<i32>,
    pub response_body: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Inserts an `in_progress` row on its own (autocommit); false when the key already exists.
pub async fn try_insert(
    db: &Db,
    account_id: Uuid,
    principal_id: Uuid,
    key: &str,
    request_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sql = "INSERT INTO idempotency_keys \
               (principal_id, key, account_id, request_hash, status, created_at, expires_at) \
               VALUES ($1, $2, $3, $4, 'in_progress', $5, $6) ON CONFLICT (principal_id, key) DO NOTHING";
    let inserted = crate::db_execute!(
        db,
        sqlx::query(sql).bind(principal_id).bind(key).bind(account_id).bind(request_hash).bind(now).bind(expires_at)
    )?;
    Ok(inserted == 1)
}

pub async fn get(db: &Db, principal_id: Uuid, key: &str) -> Result<Option<KeyRow>, sqlx::Error> {
    let sql = "SELECT request_hash, status, response_status, response_body, created_at, expires_at \
               FROM idempotency_keys WHERE principal_id = $1 AND key = $2";
    // The write pool: on SQLite it sees the latest commit without waiting for a reader snapshot.
    crate::on_write!(db, |pool| sqlx::query_as::<_, KeyRow>(sql)
        .bind(principal_id)
        .bind(key)
        .fetch_optional(pool)
        .await)
}

/// Deletes the row if it is still the attempt that started at `created_at`.
pub async fn delete_attempt(
    db: &Db,
    principal_id: Uuid,
    key: &str,
    created_at: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let sql = "DELETE FROM idempotency_keys WHERE principal_id = $1 AND key = $2 AND created_at = $3 \
               AND status = 'in_progress'";
    crate::db_execute!(db, sqlx::query(sql).bind(principal_id).bind(key).bind(created_at))
}

/// Deletes an expired row (either status) so the key can be used again.
pub async fn delete_expired(db: &Db, principal_id: Uuid, key: &str, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let sql = "DELETE FROM idempotency_keys WHERE principal_id = $1 AND key = $2 AND expires_at <= $3";
    crate::db_execute!(db, sqlx::query(sql).bind(principal_id).bind(key).bind(now))
}

/// Takes over a stale `in_progress` attempt; true when this caller now owns the key.
pub async fn take_over(
    db: &Db,
    principal_id: Uuid,
    key: &str,
    stale_created_at: DateTime<Utc>,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE idempotency_keys SET created_at = $1, expires_at = $2 \
               WHERE principal_id = $3 AND key = $4 AND created_at = $5 AND status = 'in_progress'";
    let taken = crate::db_execute!(
        db,
        sqlx::query(sql).bind(now).bind(expires_at).bind(principal_id).bind(key).bind(stale_created_at)
    )?;
    Ok(taken == 1)
}

/// Stores the final response inside the caller's transaction; false when the attempt is no
/// longer ours (taken over), in which case the caller must roll back.
pub async fn complete(
    tx: &mut Tx,
    principal_id: Uuid,
    key: &str,
    created_at: DateTime<Utc>,
    status: u16,
    body: &str,
) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE idempotency_keys SET status = 'completed', response_status = $1, response_body = $2 \
               WHERE principal_id = $3 AND key = $4 AND created_at = $5 AND status = 'in_progress'";
    let done = crate::tx_execute!(
        tx,
        sqlx::query(sql).bind(i32::from(status)).bind(body).bind(principal_id).bind(key).bind(created_at)
    )?;
    Ok(done == 1)
}
