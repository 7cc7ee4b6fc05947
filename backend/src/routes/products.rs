//! `GET /products`: the catalog tiles ("Purchase").

use actix_web::{get, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{Permission, Principal};
use crate::error::ApiError;
use crate::routes::docs;
use crate::routes::pagination::Page;
use crate::services::{catalog, views::Product};
use crate::startup::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_products);
}

/// The active products that can be bought (one page: the catalog is small).
#[utoipa::path(
    tag = "catalog",
    responses(
        (status = 200, description = "The catalog", body = Page<Product>),
        docs::Unauthorized, docs::Forbidden, docs::Unavailable
    ),
    security(("bearer" = ["billing:read"]))
)]
#[get("/products")]
pub async fn list_products(principal: Principal, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::BillingRead)?;
    let items = catalog::list_products(&state.db).await?;
    Ok(HttpResponse::Ok().json(Page { items, next_cursor: None }))
}
