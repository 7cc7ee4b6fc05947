//! API clients (partner integrations).

use uuid::Uuid;

use super::Db;

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
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
}

pub async fn find_active_by_client_id(db: &Db, client_id: &str) -> Result<Option<ApiClientRow>, sqlx::Error> {
    let sql = "SELECT id, account_id, client_id, secret_hash, name, scopes, created_at, revoked_at \
               FROM api_clients WHERE client_id = $1 AND revoked_at IS NULL";
    crate::on_read!(db, |pool| sqlx::query_as::<_, ApiClientRow>(sql).bind(client_id).fetch_optional(pool).await)
}
