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
