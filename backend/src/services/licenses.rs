//! Assign, unassign and move licenses: each one transaction with its audit event.

use serde_json::json;
use uuid::Uuid;

use crate::auth::Principal;
use crate::domain::license::{license_number, search_text};
use crate::domain::time::now_utc;
use crate::error::ApiError;
use crate::routes::license_models::{Assignee, CostCenterRef, License, LicenseType};
use crate::storage::audit::{self, NewAuditEvent};
use crate::storage::licenses::{self as store, Holder, LicenseRow, ONE_PER_USER};
use crate::storage::{is_unique_violation, Db, Tx};

pub use super::licenses_list::list;

pub fn to_api(row: LicenseRow) -> License {
    let assignee = match (row.assignee_id, row.assignee_name, row.assignee_email, row.assignee_ext) {
        (Some(id), Some(name), Some(email), Some(ext)) => Some(Assignee { id, name, email, ext }),
        _ => None,
    };
    License {
        id: row.id,
        number: license_number(row.number),
        license_type: LicenseType { product_id: row.product_id, sku: row.sku, name: row.product_name },
        assignee,
        cost_center: CostCenterRef { id: row.cost_center_id, code: row.cost_center_code, name: row.cost_center_name },
        added_at: row.added_at,
        assigned_at: row.assigned_at,
        last_used_at: row.last_used_at,
    }
}

pub async fn get(db: &Db, account_id: Uuid, id: Uuid) -> Result<License, ApiError> {
    store::get(db, account_id, id).await?.map(to_api).ok_or(ApiError::NotFound("license"))
}

fn already_assigned(license: &LicenseRow) -> ApiError {
    ApiError::conflict(
        "license_already_assigned",
        format!("license {} is already assigned; unassign it first", license_number(license.number)),
    )
}

fn user_already_licensed(holder: &Holder) -> ApiError {
    ApiError::conflict("user_already_licensed", format!("{} already holds a license of this product", holder.name))
}

/// An active user of the account, or 404 / 422.
async fn active_holder(tx: &mut Tx, account_id: Uuid, user_id: Uuid) -> Result<Holder, ApiError> {
    let holder = store::holder_for_assignment(tx, account_id, user_id).await?.ok_or(ApiError::NotFound("user"))?;
    if holder.status != "active" {
        return Err(ApiError::validation("user_id", "the user is disabled; only active users can hold a license"));
    }
    Ok(holder)
}

/// The license row, locked for the rest of `tx`, or 404.
async fn license_for_change(tx: &mut Tx, principal: &Principal, license_id: Uuid) -> Result<LicenseRow, ApiError> {
    store::for_change(tx, principal.account_id, license_id).await?.ok_or(ApiError::NotFound("license"))
}

/// Gives the locked free `license` to `holder` inside `tx`, with its audit event; the guarded
/// UPDATE and the one-per-user index settle what the lock does not (SQLite, other products).
/// Returns the license as it now is.
async fn give(
    tx: &mut Tx,
    principal: &Principal,
    mut license: LicenseRow,
    holder: Holder,
    request_id: &str,
) -> Result<LicenseRow, ApiError> {
    let text = search_text(license.number, &license.cost_center_code, Some((&holder.name, &holder.email, &holder.ext)));
    let now = now_utc();
    let changed = match store::set_assignee(tx, principal.account_id, license.id, holder.id, &text, now).await {
        Ok(n) => n,
        Err(e) if is_unique_violation(&e, &ONE_PER_USER) => return Err(user_already_licensed(&holder)),
        Err(e) => return Err(e.into()),
    };
    if changed == 0 {
        return Err(already_assigned(&license));
    }
    let event = NewAuditEvent::success(principal, "license.assign", "license", license.id)
        .with_before(json!({ "assignee_id": null }))
        .with_after(json!({ "assignee_id": holder.id, "number": license_number(license.number) }))
        .with_request_id(request_id);
    audit::record(tx, &event).await?;
    license.assignee_id = Some(holder.id);
    license.assignee_name = Some(holder.name);
    license.assignee_email = Some(holder.email);
    license.assignee_ext = Some(holder.ext);
    license.assigned_at = Some(now);
    Ok(license)
}

/// `assign` inside a caller's transaction (bulk uses it item by item); the license as it now is.
pub async fn assign_in(
    tx: &mut Tx,
    principal: &Principal,
    license_id: Uuid,
    user_id: Uuid,
    request_id: &str,
) -> Result<LicenseRow, ApiError> {
    let license = license_for_change(tx, principal, license_id).await?;
    // Refused before the user is touched: locks are taken license first, then user.
    if license.assignee_id.is_some() {
        return Err(already_assigned(&license));
    }
    let holder = active_holder(tx, principal.account_id, user_id).await?;
    give(tx, principal, license, holder, request_id).await
}

pub async fn assign(
    db: &Db,
    principal: &Principal,
    license_id: Uuid,
    user_id: Uuid,
    request_id: &str,
) -> Result<License, ApiError> {
    let mut tx = db.begin().await?;
    let license = assign_in(&mut tx, principal, license_id, user_id, request_id).await?;
    tx.commit().await?;
    Ok(to_api(license))
}

/// `unassign` inside a caller's transaction; the license as it now is.
pub async fn unassign_in(
    tx: &mut Tx,
    principal: &Principal,
    license_id: Uuid,
    request_id: &str,
) -> Result<LicenseRow, ApiError> {
    let mut license = license_for_change(tx, principal, license_id).await?;
    let not_assigned = || {
        ApiError::conflict(
            "license_not_assigned",
            format!("license {} is not assigned", license_number(license.number)),
        )
    };
    let holder = license.assignee_id.ok_or_else(not_assigned)?;
    let text = search_text(license.number, &license.cost_center_code, None);
    if store::clear_assignee(tx, principal.account_id, license.id, holder, &text).await? == 0 {
        return Err(not_assigned());
    }
    let event = NewAuditEvent::success(principal, "license.unassign", "license", license.id)
        .with_before(json!({ "assignee_id": holder }))
        .with_after(json!({ "assignee_id": null }))
        .with_request_id(request_id);
    audit::record(tx, &event).await?;
    license.assignee_id = None;
    license.assignee_name = None;
    license.assignee_email = None;
    license.assignee_ext = None;
    license.assigned_at = None;
    license.last_used_at = None;
    Ok(license)
}

pub async fn unassign(db: &Db, principal: &Principal, license_id: Uuid, request_id: &str) -> Result<License, ApiError> {
    let mut tx = db.begin().await?;
    let license = unassign_in(&mut tx, principal, license_id, request_id).await?;
    tx.commit().await?;
    Ok(to_api(license))
}

/// The next free license of `product` (id or sku), oldest first, for the user.
pub async fn assign_next_free(
    db: &Db,
    principal: &Principal,
    user_id: Uuid,
    product: &str,
    request_id: &str,
) -> Result<License, ApiError> {
    let product_id = store::product_id(db, product).await?.ok_or(ApiError::NotFound("product"))?;
    let mut tx = db.begin().await?;
    // User first, then the seat: the seat is locked last and skipped by others while held.
    let holder = active_holder(&mut tx, principal.account_id, user_id).await?;
    let license = store::oldest_free(&mut tx, principal.account_id, product_id).await?.ok_or_else(|| {
        ApiError::conflict("no_free_license", "every license of this product is assigned; buy more or free one")
    })?;
    let license = give(&mut tx, principal, license, holder, request_id).await?;
    tx.commit().await?;
    Ok(to_api(license))
}

/// Moves a license to another cost center of the account.
pub async fn move_to_cost_center(
    db: &Db,
    principal: &Principal,
    license_id: Uuid,
    cost_center_id: Uuid,
    request_id: &str,
) -> Result<License, ApiError> {
    let mut tx = db.begin().await?;
    let account = principal.account_id;
    let mut license = license_for_change(&mut tx, principal, license_id).await?;
    let (code, name) =
        store::cost_center(&mut tx, account, cost_center_id).await?.ok_or(ApiError::NotFound("cost center"))?;
    let holder = match license.assignee_id {
        Some(user) => store::holder(&mut tx, account, user).await?,
        None => None,
    };
    let text = search_text(
        license.number,
        &code,
        holder.as_ref().map(|h| (h.name.as_str(), h.email.as_str(), h.ext.as_str())),
    );
    store::set_cost_center(&mut tx, account, license.id, cost_center_id, &text).await?;
    let event = NewAuditEvent::success(principal, "license.move", "license", license.id)
        .with_before(json!({ "cost_center_id": license.cost_center_id, "cost_center_code": license.cost_center_code }))
        .with_after(json!({ "cost_center_id": cost_center_id, "cost_center_code": code }))
        .with_request_id(request_id);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    license.cost_center_id = cost_center_id;
    license.cost_center_code = code;
    license.cost_center_name = name;
    Ok(to_api(license))
}
