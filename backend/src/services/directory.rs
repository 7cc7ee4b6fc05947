//! Adding and changing directory users. A change to name, email or ext refreshes the search
//! text of the licenses the user holds; disabling releases them — all in the transaction that
//! changes the user, with the user's audit event.

use serde::Serialize;
use uuid::Uuid;

use crate::auth::Principal;
use crate::domain::directory::{is_valid_ext, UserKind, UserStatus};
use crate::domain::time::now_utc;
use crate::error::ApiError;
use crate::services::user_lifecycle::{refresh_search_text_of_user_licenses, release_licenses_of_disabled_user};
use crate::storage::audit::{self, NewAuditEvent};
use crate::storage::users::{self, UserRow, EMAIL_KEY, EXT_KEY};
use crate::storage::{is_unique_violation, Db};

pub struct NewUser {
    pub name: String,
    pub email: String,
    pub ext: String,
    pub kind: UserKind,
}

/// Fields to change; `None` leaves a field as it is.
#[derive(Default)]
pub struct UserChanges {
    pub name: Option<String>,
    pub email: Option<String>,
    pub ext: Option<String>,
    pub kind: Option<UserKind>,
    pub status: Option<UserStatus>,
}

/// The audited view of a user (before/after).
#[derive(Serialize, PartialEq)]
struct Snapshot<'a> {
    name: &'a str,
    email: &'a str,
    ext: &'a str,
    kind: &'a str,
    status: &'a str,
}

fn snapshot(user: &UserRow) -> Snapshot<'_> {
    Snapshot { name: &user.name, email: &user.email, ext: &user.ext, kind: &user.kind, status: &user.status }
}

pub async fn create(db: &Db, principal: &Principal, new: NewUser, request_id: &str) -> Result<UserRow, ApiError> {
    let now = now_utc();
    let user = UserRow {
        id: Uuid::now_v7(),
        account_id: principal.account_id,
        name: clean_name(&new.name)?,
        email: clean_email(&new.email)?,
        ext: clean_ext(&new.ext)?,
        kind: new.kind.as_str().into(),
        status: UserStatus::Active.as_str().into(),
        created_at: now,
        updated_at: now,
    };
    let mut tx = db.begin().await?;
    users::insert(&mut tx, &user).await.map_err(|e| unique_conflict(e, &user))?;
    let event = NewAuditEvent::success(principal, "user.create", "directory_user", user.id)
        .with_after(snapshot(&user))
        .with_request_id(request_id);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(user)
}

/// Applies `changes`; the audit action is `user.disable`, `user.enable` or `user.update`.
/// A request that changes nothing succeeds without writing anything.
pub async fn update(
    db: &Db,
    principal: &Principal,
    id: Uuid,
    changes: UserChanges,
    request_id: &str,
) -> Result<UserRow, ApiError> {
    // Validate before touching the database: bad input changes nothing.
    let name = changes.name.as_deref().map(clean_name).transpose()?;
    let email = changes.email.as_deref().map(clean_email).transpose()?;
    let ext = changes.ext.as_deref().map(clean_ext).transpose()?;

    let mut tx = db.begin().await?;
    let before = users::get_for_update(&mut tx, principal.account_id, id).await?.ok_or(ApiError::NotFound("user"))?;
    let mut after = before.clone();
    after.name = name.unwrap_or(after.name);
    after.email = email.unwrap_or(after.email);
    after.ext = ext.unwrap_or(after.ext);
    if let Some(kind) = changes.kind {
        after.kind = kind.as_str().into();
    }
    if let Some(status) = changes.status {
        after.status = status.as_str().into();
    }
    if snapshot(&after) == snapshot(&before) {
        return Ok(before);
    }
    after.updated_at = now_utc();
    users::update(&mut tx, &after).await.map_err(|e| unique_conflict(e, &after))?;

    let searchable_changed = (&after.name, &after.email, &after.ext) != (&before.name, &before.email, &before.ext);
    if searchable_changed {
        refresh_search_text_of_user_licenses(&mut tx, principal.account_id, id).await?;
    }
    let action = match (before.status.as_str(), after.status.as_str()) {
        ("active", "disabled") => "user.disable",
        ("disabled", "active") => "user.enable",
        _ => "user.update",
    };
    let event = NewAuditEvent::success(principal, action, "directory_user", id)
        .with_before(snapshot(&before))
        .with_after(snapshot(&after))
        .with_request_id(request_id);
    audit::record(&mut tx, &event).await?;
    if action == "user.disable" {
        release_licenses_of_disabled_user(&mut tx, principal, id, request_id).await?;
    }
    tx.commit().await?;
    Ok(after)
}

fn unique_conflict(err: sqlx::Error, user: &UserRow) -> ApiError {
    if is_unique_violation(&err, &EXT_KEY) {
        ApiError::conflict("ext_taken", format!("extension {} already belongs to another user", user.ext))
    } else if is_unique_violation(&err, &EMAIL_KEY) {
        ApiError::conflict("email_taken", format!("{} already belongs to another user", user.email))
    } else {
        err.into()
    }
}

fn clean_name(name: &str) -> Result<String, ApiError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(ApiError::validation("name", "must be 1 to 200 characters"));
    }
    Ok(name.to_string())
}

fn clean_email(email: &str) -> Result<String, ApiError> {
    let email = email.trim();
    if email.len() > 254 || !validator::ValidateEmail::validate_email(&email) {
        return Err(ApiError::validation("email", "must be an email address"));
    }
    Ok(email.to_string())
}

fn clean_ext(ext: &str) -> Result<String, ApiError> {
    let ext = ext.trim();
    if !is_valid_ext(ext) {
        return Err(ApiError::validation("ext", "must be 1 to 16 digits"));
    }
    Ok(ext.to_string())
}
