//! `GET /billing/details`: "Service Billing Details".

use actix_web::{get, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{Permission, Principal};
use crate::error::ApiError;
use crate::routes::docs;
use crate::services::billing;
use crate::services::views::BillingDetails;
use crate::startup::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(billing_details);
}

/// Billing day, next billing date, and the recurring charge per product and per cost center.
#[utoipa::path(
    tag = "billing",
    responses(
        (status = 200, description = "The billing details", body = BillingDetails),
        docs::Unauthorized, docs::Forbidden, docs::Unavailable
    ),
    security(("bearer" = ["billing:read"]))
)]
#[get("/billing/details")]
pub async fn billing_details(principal: Principal, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::BillingRead)?;
    Ok(HttpResponse::Ok().json(billing::details(&state.db, &principal).await?))
}
