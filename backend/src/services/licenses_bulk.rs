//! Bulk assign/unassign: every item is its own transaction and audit event, so one bad item
//! neither blocks nor undoes the others, and each gets the answer it would have had alone.

use uuid::Uuid;

use crate::auth::Principal;
use crate::error::ApiError;
use crate::routes::license_models::{BulkAction, BulkItem, BulkItemResult, BulkResponse};
use crate::storage::Db;

use super::licenses::{assign_in, to_api, unassign_in};

async fn apply_one(
    db: &Db,
    principal: &Principal,
    item: &BulkItem,
    request_id: &str,
) -> Result<BulkItemResult, ApiError> {
    let mut tx = db.begin().await?;
    let row = match item.action {
        BulkAction::Assign => {
            let user_id = item.user_id.ok_or_else(|| ApiError::validation("user_id", "is required to assign"))?;
            assign_in(&mut tx, principal, item.license_id, user_id, request_id).await?
        }
        BulkAction::Unassign => unassign_in(&mut tx, principal, item.license_id, request_id).await?,
    };
    tx.commit().await?;
    Ok(BulkItemResult {
        index: 0,
        license_id: item.license_id,
        ok: true,
        status: 200,
        code: None,
        detail: None,
        license: Some(to_api(row)),
    })
}

fn failure(index: usize, license_id: Uuid, err: &ApiError) -> BulkItemResult {
    let problem = err.to_problem();
    let code = problem
        .code
        .clone()
        .unwrap_or_else(|| problem.type_uri.rsplit('/').next().unwrap_or("error").replace('-', "_"));
    BulkItemResult {
        index,
        license_id,
        ok: false,
        status: problem.status,
        code: Some(code),
        detail: Some(problem.detail),
        license: None,
    }
}

pub async fn apply(
    db: &Db,
    principal: &Principal,
    items: Vec<BulkItem>,
    request_id: &str,
) -> Result<BulkResponse, ApiError> {
    let mut results = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        match apply_one(db, principal, item, request_id).await {
            Ok(mut ok) => {
                ok.index = index;
                results.push(ok);
            }
            // The database being unreachable is not an item's fault: fail the request.
            Err(err @ (ApiError::Unavailable(_) | ApiError::Internal(_))) => return Err(err),
            Err(err) => results.push(failure(index, item.license_id, &err)),
        }
    }
    let succeeded = results.iter().filter(|r| r.ok).count();
    Ok(BulkResponse { succeeded, failed: results.len() - succeeded, results })
}
