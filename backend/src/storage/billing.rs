//! License counts per (product, cost center): the input of billing details (amounts are summed in Rust).

use uuid::Uuid;

use super::Db;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LicenseCount {
    pub product_id: Uuid,
    pub cost_center_id: Uuid,
    pub cost_center_code: String,
    pub cost_center_name: String,
    pub licenses: i64,
    pub assigned: i64,
}

pub async fn license_counts(db: &Db, account_id: Uuid) -> Result<Vec<LicenseCount>, sqlx::Error> {
    let sql = "SELECT l.product_id, l.cost_center_id, cc.code AS cost_center_code, cc.name AS cost_center_name, \
               COUNT(*) AS licenses, COUNT(l.assignee_id) AS assigned \
               FROM licenses l JOIN cost_centers cc ON cc.id = l.cost_center_id \
               WHERE l.account_id = $1 GROUP BY l.product_id, l.cost_center_id, cc.code, cc.name";
    crate::on_read!(db, |pool| sqlx::query_as::<_, LicenseCount>(sql).bind(account_id).fetch_all(pool).await)
}
