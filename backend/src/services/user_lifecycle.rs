//! What happens to a directory user's licenses when the user changes.

use uuid::Uuid;

use crate::auth::Principal;
use crate::domain::license::search_text;
use crate::error::ApiError;
use crate::storage::audit::{self, NewAuditEvent};
use crate::storage::Tx;
use crate::{tx_execute, with_tx};

#[derive(sqlx::FromRow)]
struct HeldLicense {
    id: Uuid,
    number: i64,
    cost_center_code: String,
}

/// Disabling a user releases every license they hold back to the pool, each with its own
/// `license.release` audit event. Runs inside the caller's transaction (the one that
/// disables the user), so the user and their licenses change together or not at all.
pub async fn release_licenses_of_disabled_user(
    tx: &mut Tx,
    principal: &Principal,
    user_id: Uuid,
    request_id: &str,
) -> Result<u64, ApiError> {
    let select = "SELECT l.id, l.number, c.code AS cost_center_code FROM licenses l \
                  JOIN cost_centers c ON c.id = l.cost_center_id \
                  WHERE l.account_id = $1 AND l.assignee_id = $2";
    let held: Vec<HeldLicense> = with_tx!(tx, |conn| sqlx::query_as::<_, HeldLicense>(select)
        .bind(principal.account_id)
        .bind(user_id)
        .fetch_all(conn)
        .await)?;
    for license in &held {
        let update = "UPDATE licenses SET assignee_id = NULL, assigned_at = NULL, search_text = $1 \
                      WHERE id = $2 AND account_id = $3";
        tx_execute!(
            tx,
            sqlx::query(update)
                .bind(search_text(license.number, &license.cost_center_code, None))
                .bind(license.id)
                .bind(principal.account_id)
        )?;
        let event = NewAuditEvent::success(principal, "license.release", "license", license.id)
            .with_before(serde_json::json!({ "assignee_id": user_id }))
            .with_after(serde_json::json!({ "assignee_id": null, "reason": "user_disabled" }))
            .with_request_id(request_id);
        audit::record(tx, &event).await?;
    }
    Ok(held.len() as u64)
}

#[derive(sqlx::FromRow)]
struct HeldLicenseWithAssignee {
    id: Uuid,
    number: i64,
    cost_center_code: String,
    name: String,
    email: String,
    ext: String,
}

/// Recomputes `licenses.search_text` of every license the user holds, from the user's row as
/// it is now in this transaction. Call it after changing a user's name, email or ext, in the
/// same transaction, so the license search never finds a person by their old details.
pub async fn refresh_search_text_of_user_licenses(
    tx: &mut Tx,
    account_id: Uuid,
    user_id: Uuid,
) -> Result<u64, ApiError> {
    let select = "SELECT l.id, l.number, c.code AS cost_center_code, u.name, u.email, u.ext FROM licenses l \
                  JOIN cost_centers c ON c.id = l.cost_center_id \
                  JOIN directory_users u ON u.id = l.assignee_id \
                  WHERE l.account_id = $1 AND l.assignee_id = $2";
    let held: Vec<HeldLicenseWithAssignee> = with_tx!(tx, |conn| sqlx::query_as::<_, HeldLicenseWithAssignee>(select)
        .bind(account_id)
        .bind(user_id)
        .fetch_all(conn)
        .await)?;
    for license in &held {
        let text =
            search_text(license.number, &license.cost_center_code, Some((&license.name, &license.email, &license.ext)));
        let update = "UPDATE licenses SET search_text = $1 WHERE id = $2 AND account_id = $3";
        tx_execute!(tx, sqlx::query(update).bind(text).bind(license.id).bind(account_id))?;
    }
    Ok(held.len() as u64)
}
