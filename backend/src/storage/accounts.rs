//! Accounts (tenants).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Db, SqlDecimal};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountRow {
    pub id: Uuid,
    pub name: String,
    pub currency: String,
    pub tax_rate: SqlDecimal,
    pub billing_day: i32,
    pub billing_address: String,
    pub created_at: DateTime<Utc>,
}

pub async fn get(db: &Db, id: Uuid) -> Result<Option<AccountRow>, sqlx::Error> {
    let sql =
        "SELECT id, name, currency, tax_rate, billing_day, billing_address, created_at FROM accounts WHERE id = $1";
    crate::on_read!(db, |pool| sqlx::query_as::<_, AccountRow>(sql).bind(id).fetch_optional(pool).await)
}

pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    crate::on_read!(db, |pool| sqlx::query_scalar("SELECT COUNT(*) FROM accounts").fetch_one(pool).await)
}
