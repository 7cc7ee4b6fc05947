//! The caller's cart: `GET /cart`, `PUT /cart/items/{product_id}`, `DELETE /cart/items/{product_id}`.

use actix_web::{delete, get, put, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{Permission, Principal};
use crate::error::ApiError;
use crate::routes::docs;
use crate::routes::extract::ValidJson;
use crate::services::{cart, views::Cart};
use crate::startup::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_cart).service(set_cart_item).service(remove_cart_item);
}

/// A quantity of licenses (1–10,000).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuantityRequest {
    #[validate(range(min = 1, max = 10000, message = "must be between 1 and 10000"))]
    #[schema(minimum = 1, maximum = 10000, example = 25)]
    pub quantity: i64,
}

/// The caller's cart (members and API clients each have their own).
#[utoipa::path(
    tag = "catalog",
    responses((status = 200, description = "The cart", body = Cart), docs::Unauthorized, docs::Forbidden, docs::Unavailable),
    security(("bearer" = ["billing:write"]))
)]
#[get("/cart")]
pub async fn get_cart(principal: Principal, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::BillingWrite)?;
    Ok(HttpResponse::Ok().json(cart::get(&state.db, &principal).await?))
}

/// Sets the quantity of a product in the cart (the plus sign), adding the line if needed.
#[utoipa::path(
    tag = "catalog",
    params(("product_id" = Uuid, Path, description = "An active product")),
    request_body = QuantityRequest,
    responses(
        (status = 200, description = "The cart after the change", body = Cart),
        docs::BadRequest, docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::UnsupportedMediaType,
        docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["billing:write"]))
)]
#[put("/cart/items/{product_id}")]
pub async fn set_cart_item(
    principal: Principal,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidJson<QuantityRequest>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::BillingWrite)?;
    let quantity = body.0.quantity as i32;
    Ok(HttpResponse::Ok().json(cart::set_quantity(&state.db, &principal, path.into_inner(), quantity).await?))
}

/// Removes a product from the cart (removing one that is not there is fine).
#[utoipa::path(
    tag = "catalog",
    params(("product_id" = Uuid, Path, description = "A product")),
    responses(
        (status = 200, description = "The cart after the change", body = Cart),
        docs::Unauthorized, docs::Forbidden, docs::NotFound, docs::Unavailable
    ),
    security(("bearer" = ["billing:write"]))
)]
#[delete("/cart/items/{product_id}")]
pub async fn remove_cart_item(
    principal: Principal,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::BillingWrite)?;
    Ok(HttpResponse::Ok().json(cart::remove(&state.db, &principal, path.into_inner()).await?))
}
