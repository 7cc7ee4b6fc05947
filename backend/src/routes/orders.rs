//! Orders and their statements (read only: orders are placed by completing a checkout).

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{Permission, Principal};
use crate::error::ApiError;
use crate::routes::docs;
use crate::routes::extract::QueryParams;
use crate::routes::pagination::{page_limit, Page};
use crate::services::orders;
use crate::services::views::{Order, Statement};
use crate::startup::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_orders).service(get_order).service(get_statement);
}

#[derive(Debug, Deserialize, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OrderQuery {
    pub cursor: Option<String>,
    /// 1–200, default 50.
    #[param(minimum = 1, maximum = 200)]
    #[serde(default, deserialize_with = "crate::routes::extract::present")]
    pub limit: Option<u32>,
}

/// The account's orders, newest first (without lines).
#[utoipa::path(
    tag = "billing",
    params(OrderQuery),
    responses(
        (status = 200, description = "One page of orders", body = Page<Order>),
        docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["billing:read"]))
)]
#[get("/orders")]
pub async fn list_orders(
    principal: Principal,
    state: web::Data<AppState>,
    query: QueryParams<OrderQuery>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::BillingRead)?;
    let limit = page_limit(query.0.limit)?;
    Ok(HttpResponse::Ok().json(orders::list(&state.db, &principal, query.0.cursor.as_deref(), limit).await?))
}

/// An order with its lines.
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "Order id")),
    responses(
        (status = 200, description = "The order", body = Order),
        docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Unavailable
    ),
    security(("bearer" = ["billing:read"]))
)]
#[get("/orders/{id}")]
pub async fn get_order(
    principal: Principal,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::BillingRead)?;
    Ok(HttpResponse::Ok().json(orders::get(&state.db, &principal, path.into_inner()).await?))
}

/// "View Statement": the immutable record written with the order.
#[utoipa::path(
    tag = "billing",
    params(("id" = Uuid, Path, description = "Order id")),
    responses(
        (status = 200, description = "The statement", body = Statement),
        docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Unavailable
    ),
    security(("bearer" = ["billing:read"]))
)]
#[get("/orders/{id}/statement")]
pub async fn get_statement(
    principal: Principal,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::BillingRead)?;
    Ok(HttpResponse::Ok().json(orders::statement(&state.db, &principal, path.into_inner()).await?))
}
