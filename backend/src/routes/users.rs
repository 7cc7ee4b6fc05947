//! `/users`: the directory of people who can hold licenses.

use std::collections::HashMap;

use actix_web::{get, patch, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tracing_actix_web::RequestId;
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{Permission, Principal};
use crate::domain::directory::{UserKind, UserStatus};
use crate::domain::license::license_number;
use crate::error::ApiError;
use crate::routes::docs;
use crate::routes::extract::{QueryParams, ValidJson};
use crate::routes::pagination::{decode_cursor, into_page, page_limit, Page};
use crate::services::directory::{self, NewUser, UserChanges};
use crate::startup::AppState;
use crate::storage::users::{self, HeldLicenseRow, UserFilter, UserRow};
use crate::storage::Db;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_users).service(get_user).service(create_user).service(update_user);
}

/// A license the user holds.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HeldLicense {
    pub id: Uuid,
    #[schema(example = "LR-000007")]
    pub number: String,
    #[schema(example = "LIVE_REPORTS")]
    pub product_sku: String,
}

/// A person in the phone system.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DirectoryUser {
    pub id: Uuid,
    #[schema(example = "Ava Thompson")]
    pub name: String,
    #[schema(example = "ava.thompson@acme.example")]
    pub email: String,
    /// Extension number.
    #[schema(example = "101")]
    pub ext: String,
    pub kind: UserKind,
    pub status: UserStatus,
    /// The licenses the user holds (at most one per product).
    pub licenses: Vec<HeldLicense>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UserListQuery {
    /// Case-insensitive substring of the name, email or extension.
    #[validate(length(max = 200, message = "must be at most 200 characters"))]
    #[param(max_length = 200)]
    pub q: Option<String>,
    #[serde(default, deserialize_with = "crate::routes::extract::present")]
    pub kind: Option<UserKind>,
    #[serde(default, deserialize_with = "crate::routes::extract::present")]
    pub status: Option<UserStatus>,
    /// `true`: only users holding a license; `false`: only users holding none.
    #[serde(default, deserialize_with = "crate::routes::extract::present")]
    pub has_license: Option<bool>,
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    #[serde(default, deserialize_with = "crate::routes::extract::present")]
    pub limit: Option<u32>,
}

/// A new directory user (active).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDirectoryUser {
    /// 1–200 characters.
    #[schema(example = "Grace Hopper", min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    /// Unique in the account (case-insensitive).
    #[schema(example = "grace.hopper@acme.example", format = "email", max_length = 254)]
    pub email: String,
    /// 1–16 digits, unique in the account.
    #[schema(example = "141", pattern = r"^\s*[0-9]{1,16}\s*$")]
    pub ext: String,
    pub kind: UserKind,
}

/// Fields to change; absent fields stay as they are. `status: disabled` releases the
/// user's licenses.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DirectoryUserPatch {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: Option<String>,
    #[schema(format = "email", max_length = 254)]
    pub email: Option<String>,
    #[schema(pattern = r"^\s*[0-9]{1,16}\s*$")]
    pub ext: Option<String>,
    pub kind: Option<UserKind>,
    pub status: Option<UserStatus>,
}

/// The users with their licenses, loaded in one query for the whole page.
async fn with_licenses(db: &Db, account_id: Uuid, rows: Vec<UserRow>) -> Result<Vec<DirectoryUser>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|u| u.id).collect();
    let mut held: HashMap<Uuid, Vec<HeldLicense>> = HashMap::new();
    for HeldLicenseRow { assignee_id, id, number, product_sku } in users::licenses_held_by(db, account_id, &ids).await?
    {
        held.entry(assignee_id).or_default().push(HeldLicense { id, number: license_number(number), product_sku });
    }
    rows.into_iter()
        .map(|row| {
            let licenses = held.remove(&row.id).unwrap_or_default();
            to_response(row, licenses)
        })
        .collect()
}

fn to_response(row: UserRow, licenses: Vec<HeldLicense>) -> Result<DirectoryUser, ApiError> {
    let kind = UserKind::parse(&row.kind);
    let status = UserStatus::parse(&row.status);
    let (Some(kind), Some(status)) = (kind, status) else {
        return Err(ApiError::Internal(anyhow::anyhow!("directory user {} has an unknown kind or status", row.id)));
    };
    Ok(DirectoryUser {
        id: row.id,
        name: row.name,
        email: row.email,
        ext: row.ext,
        kind,
        status,
        licenses,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

async fn one_with_licenses(db: &Db, account_id: Uuid, row: UserRow) -> Result<DirectoryUser, ApiError> {
    let mut list = with_licenses(db, account_id, vec![row]).await?;
    Ok(list.remove(0))
}

/// List directory users in name order, filtered.
#[utoipa::path(
    tag = "directory",
    params(UserListQuery),
    responses(
        (status = 200, description = "One page of users, ordered by name", body = Page<DirectoryUser>),
        docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["directory:read"]))
)]
#[get("/users")]
pub async fn list_users(
    principal: Principal,
    state: web::Data<AppState>,
    query: QueryParams<UserListQuery>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::DirectoryRead)?;
    let query = query.0;
    let limit = page_limit(query.limit)?;
    let after = query.cursor.as_deref().map(decode_cursor::<(String, Uuid)>).transpose()?;
    let filter = UserFilter {
        q: query.q.map(|q| q.trim().to_lowercase()).filter(|q| !q.is_empty()),
        kind: query.kind.map(|k| k.as_str().to_string()),
        status: query.status.map(|s| s.as_str().to_string()),
        has_license: query.has_license,
    };
    let rows = users::list(&state.db, principal.account_id, &filter, after, limit).await?;
    let page = into_page(rows, limit, |u| (u.name.clone(), u.id));
    let items = with_licenses(&state.db, principal.account_id, page.items).await?;
    Ok(HttpResponse::Ok().json(Page { items, next_cursor: page.next_cursor }))
}

/// One directory user with the licenses they hold.
#[utoipa::path(
    tag = "directory",
    params(("id" = Uuid, Path, description = "The user's id")),
    responses(
        (status = 200, description = "The user", body = DirectoryUser),
        docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Unavailable
    ),
    security(("bearer" = ["directory:read"]))
)]
#[get("/users/{id}")]
pub async fn get_user(
    principal: Principal,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::DirectoryRead)?;
    let row =
        users::get(&state.db, principal.account_id, path.into_inner()).await?.ok_or(ApiError::NotFound("user"))?;
    Ok(HttpResponse::Ok().json(one_with_licenses(&state.db, principal.account_id, row).await?))
}

/// Add a person to the directory.
#[utoipa::path(
    tag = "directory",
    request_body = NewDirectoryUser,
    responses(
        (status = 201, description = "Created", body = DirectoryUser),
        docs::BadRequest, docs::Unauthorized, docs::Forbidden, docs::Conflict, docs::PayloadTooLarge,
        docs::UnsupportedMediaType, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["directory:write"]))
)]
#[post("/users")]
pub async fn create_user(
    principal: Principal,
    state: web::Data<AppState>,
    request_id: RequestId,
    body: ValidJson<NewDirectoryUser>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::DirectoryWrite)?;
    let NewDirectoryUser { name, email, ext, kind } = body.0;
    let row =
        directory::create(&state.db, &principal, NewUser { name, email, ext, kind }, &request_id.to_string()).await?;
    let user = to_response(row, Vec::new())?;
    Ok(HttpResponse::Created().insert_header(("Location", format!("/api/v1/users/{}", user.id))).json(user))
}

/// Change a directory user. Disabling releases the licenses they hold (each release audited);
/// a new name, email or ext is what the license search finds from then on.
#[utoipa::path(
    tag = "directory",
    params(("id" = Uuid, Path, description = "The user's id")),
    request_body = DirectoryUserPatch,
    responses(
        (status = 200, description = "The user as changed", body = DirectoryUser),
        docs::BadRequest, docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Conflict,
        docs::PayloadTooLarge, docs::UnsupportedMediaType, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["directory:write"]))
)]
#[patch("/users/{id}")]
pub async fn update_user(
    principal: Principal,
    state: web::Data<AppState>,
    request_id: RequestId,
    path: web::Path<Uuid>,
    body: ValidJson<DirectoryUserPatch>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::DirectoryWrite)?;
    let DirectoryUserPatch { name, email, ext, kind, status } = body.0;
    let changes = UserChanges { name, email, ext, kind, status };
    let row = directory::update(&state.db, &principal, path.into_inner(), changes, &request_id.to_string()).await?;
    Ok(HttpResponse::Ok().json(one_with_licenses(&state.db, principal.account_id, row).await?))
}
