//! API clients (partner integrations).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Db, Tx};

/// True while the client exists in the account and has not been revoked.
pub async fn is_active(db: &Db, account_id: Uuid, id: Uuid) -> Result<bool, sqlx::Error> {
    let sql = "SELECT COUNT(*) FROM api_clients WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL";
    let count: i64 =
        crate::on_read!(db, |pool| sqlx::query_scalar(sql).bind(id).bind(account_id).fetch_one(pool).await)?;
    Ok(count > 0)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiClientRow {
    pub id: Uuid,
    pub account_id: Uuid,
    pub client_id: String,
    pub secret_hash: String,
    pub name: String,
    pub scopes: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

pub async fn find_active_by_client_id(db: &Db, client_id: &str) -> Result<Option<ApiClientRow>, sqlx::Error> {
    let sql = "SELECT id, account_id, client_id, secret_hash, name, scopes, created_at, revoked_at \
               FROM api_clients WHERE client_id = $1 AND revoked_at IS NULL";
    crate::on_read!(db, |pool| sqlx::query_as::<_, ApiClientRow>(sql).bind(client_id).fetch_optional(pool).await)
}

const COLUMNS: &str = "id, account_id, client_id, secret_hash, name, scopes, created_at, revoked_at";

/// The account's clients, newest first (ids are time-ordered v7 UUIDs), after `before_id`.
pub async fn list(
    db: &Db,
    account_id: Uuid,
    before_id: Option<Uuid>,
    limit: u32,
) -> Result<Vec<ApiClientRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM api_clients WHERE account_id = $1 AND ($2 IS NULL OR id < $2) \
         ORDER BY id DESC LIMIT $3"
    );
    crate::on_read!(db, |pool| sqlx::query_as::<_, ApiClientRow>(&sql)
        .bind(account_id)
        .bind(before_id)
        .bind(i64::from(limit) + 1)
        .fetch_all(pool)
        .await)
}

pub async fn insert(tx: &mut Tx, row: &ApiClientRow, created_by: Option<Uuid>) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO api_clients (id, account_id, client_id, secret_hash, name, scopes, created_by, created_at) \
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    crate::tx_execute!(
        tx,
        sqlx::query(sql)
            .bind(row.id)
            .bind(row.account_id)
            .bind(&row.client_id)
            .bind(&row.secret_hash)
            .bind(&row.name)
            .bind(&row.scopes)
            .bind(created_by)
            .bind(row.created_at)
    )?;
    Ok(())
}

pub async fn get_in_tx(tx: &mut Tx, account_id: Uuid, id: Uuid) -> Result<Option<ApiClientRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM api_clients WHERE id = $1 AND account_id = $2");
    crate::with_tx!(tx, |conn| sqlx::query_as::<_, ApiClientRow>(&sql)
        .bind(id)
        .bind(account_id)
        .fetch_optional(conn)
        .await)
}

/// Sets `revoked_at` unless already set; the rows changed (0 or 1).
pub async fn revoke(tx: &mut Tx, account_id: Uuid, id: Uuid, at: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let sql = "UPDATE api_clients SET revoked_at = $1 WHERE id = $2 AND account_id = $3 AND revoked_at IS NULL";
    crate::tx_execute!(tx, sqlx::query(sql).bind(at).bind(id).bind(account_id))
}
