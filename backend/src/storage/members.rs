//! Portal members (people who sign in).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::Db;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub id: Uuid,
    pub account_id: Uuid,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub role: String,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, account_id, email, name, password_hash, role, created_at";

pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<MemberRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM members WHERE lower(email) = lower($1)");
    crate::on_read!(db, |pool| sqlx::query_as::<_, MemberRow>(&sql).bind(email).fetch_optional(pool).await)
}

pub async fn get(db: &Db, account_id: Uuid, id: Uuid) -> Result<Option<MemberRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM members WHERE id = $1 AND account_id = $2");
    crate::on_read!(db, |pool| sqlx::query_as::<_, MemberRow>(&sql)
        .bind(id)
        .bind(account_id)
        .fetch_optional(pool)
        .await)
}
