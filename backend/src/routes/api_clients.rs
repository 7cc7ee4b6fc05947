//! `GET/POST/DELETE /api-clients`: partner integrations, managed by account owners.

use actix_web::{delete, get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tracing_actix_web::RequestId;
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{Permission, Principal, Scope};
use crate::error::ApiError;
use crate::routes::docs;
use crate::routes::extract::{QueryParams, ValidJson};
use crate::routes::pagination::{decode_cursor, into_page, page_limit, Page};
use crate::services::api_clients::{self, CreatedClient};
use crate::startup::AppState;
use crate::storage::api_clients::ApiClientRow;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_api_clients).service(create_api_client).service(revoke_api_client);
}

/// A partner integration. Its secret is never shown again after creation.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiClient {
    pub id: Uuid,
    /// Use as `client_id` in the `client_credentials` grant.
    #[schema(example = "sdc_Zx8kQ2m9Vb1pLr4T")]
    pub client_id: String,
    #[schema(example = "Reseller provisioning")]
    pub name: String,
    pub scopes: Vec<Scope>,
    pub created_at: DateTime<Utc>,
    /// Set once revoked; the client's tokens stop working at that moment.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<ApiClientRow> for ApiClient {
    fn from(row: ApiClientRow) -> Self {
        ApiClient {
            id: row.id,
            client_id: row.client_id,
            name: row.name,
            scopes: Scope::parse_list(&row.scopes),
            created_at: row.created_at,
            revoked_at: row.revoked_at,
        }
    }
}

/// A new API client.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApiClient {
    #[validate(length(min = 1, max = 100, message = "must be 1 to 100 characters"))]
    #[schema(example = "Reseller provisioning", min_length = 1, max_length = 100, pattern = r"\S")]
    pub name: String,
    /// At least one; unknown scope names are rejected.
    #[validate(length(min = 1, message = "name at least one scope"))]
    #[schema(example = json!(["licenses:read", "licenses:write"]), min_items = 1)]
    pub scopes: Vec<Scope>,
}

/// The created client with its secret: store the secret now, it is not shown again.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreatedApiClient {
    pub id: Uuid,
    pub client_id: String,
    /// Shown only in this response; Seatdesk keeps only its hash.
    #[schema(example = "sds_q3Jd8sX1yN0bWmC4tR7vE2kL9aP5uH6gF0zK1oI3jYw")]
    pub client_secret: String,
    pub name: String,
    pub scopes: Vec<Scope>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ApiClientListQuery {
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    #[serde(default, deserialize_with = "crate::routes::extract::present")]
    pub limit: Option<u32>,
}

/// List the account's API clients, newest first (revoked ones included, without secrets).
///
/// Owners only: no API scope grants managing API clients.
#[utoipa::path(
    tag = "partners",
    params(ApiClientListQuery),
    responses(
        (status = 200, description = "One page of API clients", body = Page<ApiClient>),
        docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = []))
)]
#[get("/api-clients")]
pub async fn list_api_clients(
    principal: Principal,
    state: web::Data<AppState>,
    query: QueryParams<ApiClientListQuery>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::ApiClientsManage)?;
    let limit = page_limit(query.0.limit)?;
    let before = query.0.cursor.as_deref().map(decode_cursor::<Uuid>).transpose()?;
    let rows = crate::storage::api_clients::list(&state.db, principal.account_id, before, limit).await?;
    let page = into_page(rows, limit, |row| row.id);
    Ok(HttpResponse::Ok().json(Page {
        items: page.items.into_iter().map(ApiClient::from).collect::<Vec<_>>(),
        next_cursor: page.next_cursor,
    }))
}

/// Create an API client (owners only; no API scope grants this). The response holds the
/// secret, once: Seatdesk stores only its SHA-256.
#[utoipa::path(
    tag = "partners",
    request_body = NewApiClient,
    responses(
        (status = 201, description = "Created; store `client_secret` now", body = CreatedApiClient),
        docs::BadRequest, docs::Unauthorized, docs::Forbidden, docs::PayloadTooLarge,
        docs::UnsupportedMediaType, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = []))
)]
#[post("/api-clients")]
pub async fn create_api_client(
    principal: Principal,
    state: web::Data<AppState>,
    request_id: RequestId,
    body: ValidJson<NewApiClient>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::ApiClientsManage)?;
    if body.0.name.trim().is_empty() {
        return Err(ApiError::validation("name", "must not be blank"));
    }
    let CreatedClient { client, secret } =
        api_clients::create(&state.db, &principal, &body.0.name, &body.0.scopes, &request_id.to_string()).await?;
    let client = ApiClient::from(client);
    Ok(HttpResponse::Created().insert_header(("Cache-Control", "no-store")).json(CreatedApiClient {
        id: client.id,
        client_id: client.client_id,
        client_secret: secret,
        name: client.name,
        scopes: client.scopes,
        created_at: client.created_at,
        revoked_at: client.revoked_at,
    }))
}

/// Revoke an API client (owners only): its tokens stop working at once. Repeating it is harmless.
#[utoipa::path(
    tag = "partners",
    params(("id" = Uuid, Path, description = "The API client's id")),
    responses(
        (status = 204, description = "Revoked"),
        docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Unavailable
    ),
    security(("bearer" = []))
)]
#[delete("/api-clients/{id}")]
pub async fn revoke_api_client(
    principal: Principal,
    state: web::Data<AppState>,
    request_id: RequestId,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::ApiClientsManage)?;
    api_clients::revoke(&state.db, &principal, path.into_inner(), &request_id.to_string()).await?;
    Ok(HttpResponse::NoContent().finish())
}
