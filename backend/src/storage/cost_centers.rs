//! Cost centers, and the license search text that embeds their codes.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Db, Dialect, Tx};
use crate::{tx_execute, with_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CostCenterRow {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub parent_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, code, name, parent_id, created_at, updated_at";

/// One page by (lower(code), id) after the cursor; `pattern` is a LIKE pattern (escaped with `\`).
pub async fn page(
    db: &Db,
    account_id: Uuid,
    pattern: Option<&str>,
    after: Option<(String, Uuid)>,
    fetch: i64,
) -> Result<Vec<CostCenterRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM cost_centers WHERE account_id = $1 \
         AND ($2 IS NULL OR lower(code) LIKE $2 ESCAPE '\\' OR lower(name) LIKE $2 ESCAPE '\\') \
         AND ($3 IS NULL OR lower(code) > $3 OR (lower(code) = $3 AND id > $4)) \
         ORDER BY lower(code), id LIMIT $5"
    );
    let (after_code, after_id) = match after {
        Some((code, id)) => (Some(code), Some(id)),
        None => (None, None),
    };
    crate::on_read!(db, |pool| sqlx::query_as::<_, CostCenterRow>(&sql)
        .bind(account_id)
        .bind(pattern)
        .bind(after_code)
        .bind(after_id)
        .bind(fetch)
        .fetch_all(pool)
        .await)
}

pub async fn get(tx: &mut Tx, account_id: Uuid, id: Uuid) -> Result<Option<CostCenterRow>, sqlx::Error> {
    let lock = if tx.dialect() == Dialect::Postgres { " FOR UPDATE" } else { "" };
    let sql = format!("SELECT {COLUMNS} FROM cost_centers WHERE id = $1 AND account_id = $2{lock}");
    with_tx!(tx, |conn| sqlx::query_as::<_, CostCenterRow>(&sql).bind(id).bind(account_id).fetch_optional(conn).await)
}

pub async fn parent_of(tx: &mut Tx, account_id: Uuid, id: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    let sql = "SELECT parent_id FROM cost_centers WHERE id = $1 AND account_id = $2";
    let row: Option<Option<Uuid>> =
        with_tx!(tx, |conn| sqlx::query_scalar(sql).bind(id).bind(account_id).fetch_optional(conn).await)?;
    Ok(row.flatten())
}

pub async fn insert(tx: &mut Tx, account_id: Uuid, row: &CostCenterRow) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO cost_centers (id, account_id, code, name, parent_id, created_at, updated_at) \
               VALUES ($1, $2, $3, $4, $5, $6, $7)";
    tx_execute!(
        tx,
        sqlx::query(sql)
            .bind(row.id)
            .bind(account_id)
            .bind(&row.code)
            .bind(&row.name)
            .bind(row.parent_id)
            .bind(row.created_at)
            .bind(row.updated_at)
    )?;
    Ok(())
}

pub async fn update(tx: &mut Tx, account_id: Uuid, row: &CostCenterRow) -> Result<(), sqlx::Error> {
    let sql = "UPDATE cost_centers SET code = $1, name = $2, parent_id = $3, updated_at = $4 \
               WHERE id = $5 AND account_id = $6";
    tx_execute!(
        tx,
        sqlx::query(sql)
            .bind(&row.code)
            .bind(&row.name)
            .bind(row.parent_id)
            .bind(row.updated_at)
            .bind(row.id)
            .bind(account_id)
    )?;
    Ok(())
}

#[derive(Debug, sqlx::FromRow)]
pub struct LicenseText {
    pub id: Uuid,
    pub number: i64,
    pub assignee_name: Option<String>,
    pub assignee_email: Option<String>,
    pub assignee_ext: Option<String>,
}

/// The licenses of a cost center with what their search text is made of; row-locked on
/// PostgreSQL so a concurrent assignment finishes first and is then seen here.
pub async fn licenses_of(tx: &mut Tx, account_id: Uuid, cost_center_id: Uuid) -> Result<Vec<LicenseText>, sqlx::Error> {
    let lock = if tx.dialect() == Dialect::Postgres { " FOR UPDATE OF l" } else { "" };
    let sql = format!(
        "SELECT l.id, l.number, u.name AS assignee_name, u.email AS assignee_email, u.ext AS assignee_ext \
         FROM licenses l LEFT JOIN directory_users u ON u.id = l.assignee_id \
         WHERE l.account_id = $1 AND l.cost_center_id = $2{lock}"
    );
    with_tx!(tx, |conn| sqlx::query_as::<_, LicenseText>(&sql)
        .bind(account_id)
        .bind(cost_center_id)
        .fetch_all(conn)
        .await)
}

/// Writes new search texts: one UNNEST statement on PostgreSQL, a prepared UPDATE per row on SQLite.
pub async fn set_search_texts(tx: &mut Tx, texts: &[(Uuid, String)]) -> Result<(), sqlx::Error> {
    if texts.is_empty() {
        return Ok(());
    }
    match tx {
        Tx::Postgres(t) => {
            let ids: Vec<Uuid> = texts.iter().map(|(id, _)| *id).collect();
            let values: Vec<String> = texts.iter().map(|(_, text)| text.clone()).collect();
            let sql = "UPDATE licenses l SET search_text = v.text \
                       FROM UNNEST($1::uuid[], $2::text[]) AS v(id, text) WHERE l.id = v.id";
            sqlx::query(sql).bind(ids).bind(values).execute(&mut **t).await?;
        }
        Tx::Sqlite(t) => {
            for (id, text) in texts {
                sqlx::query("UPDATE licenses SET search_text = $1 WHERE id = $2")
                    .bind(text)
                    .bind(id)
                    .execute(&mut **t)
                    .await?;
            }
        }
    }
    Ok(())
}
