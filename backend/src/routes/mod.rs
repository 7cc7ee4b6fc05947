//! HTTP routes. Each area registers its handlers through `utoipa_actix_web`, so a handler
//! that is served is also in the OpenAPI spec — none can be left out.

pub mod api_clients;
pub mod audit;
pub mod auth;
pub mod billing;
pub mod cart;
pub mod checkout_complete;
pub mod checkouts;
pub mod cost_centers;
pub mod docs;
pub mod entitlements;
pub mod extract;
pub mod health;
pub mod license_bulk;
pub mod license_models;
pub mod license_reports;
pub mod licenses;
pub mod me;
pub mod orders;
pub mod pagination;
pub mod problems;
pub mod products;
pub mod spec;
pub mod users;

use actix_web::web;
use utoipa_actix_web::{scope, service_config::ServiceConfig};

/// Everything under `/api/v1`, plus the probes at the root.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::healthz).service(health::readyz).service(spec::openapi_json).service(
        scope::scope("/api/v1")
            .default_service(web::to(problems::no_route))
            .configure(auth::configure)
            .configure(me::configure)
            .configure(users::configure)
            .configure(api_clients::configure)
            .configure(products::configure)
            .configure(cart::configure)
            .configure(checkouts::configure)
            .configure(cost_centers::configure)
            .configure(orders::configure)
            .configure(billing::configure)
            .configure(licenses::configure)
            .configure(audit::configure),
    );
}
