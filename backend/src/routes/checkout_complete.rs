//! `POST /checkouts/{id}/complete`: places the order, exactly once per `Idempotency-Key`.
//!
//! A missing or malformed `Idempotency-Key` is 400 (it is a header, not a body field).

use actix_web::http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{Permission, Principal};
use crate::error::ApiError;
use crate::routes::docs;
use crate::routes::extract::parse_json;
use crate::services::idempotency::{self, Claimed};
use crate::services::place_order;
use crate::services::views::Order;
use crate::startup::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(complete_checkout);
}

/// The "I have read and understood" check box and the total the admin saw.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteRequest {
    /// Must be `true` (`false` is 422 on `acknowledged`).
    #[schema(schema_with = must_be_true)]
    pub acknowledged: bool,
    /// The quote's `total` as shown (decimal string); a different current total is 409 `quote_changed`.
    #[schema(example = "227.32", pattern = r"^\s*-?([0-9]+\.?[0-9]*|\.[0-9]+)\s*$", max_length = 40)]
    pub expected_total: String,
}

/// `acknowledged` accepts only `true`.
fn must_be_true() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::Boolean)
        .enum_values(Some([true]))
        .build()
}

/// Completes the checkout: the order, its statement and one license per unit, in one transaction.
///
/// Requires `Idempotency-Key` (1–255 visible ASCII characters; missing → 400). Retrying with
/// the same key and body returns the stored response with `Idempotent-Replayed: true`; the same
/// key with another body is 422; while the first attempt runs, 409 `idempotency_key_in_use`.
#[utoipa::path(
    tag = "checkout",
    params(
        ("id" = Uuid, Path, description = "Checkout id"),
        ("Idempotency-Key" = String, Header, pattern = r"^[\x21-\x7E]{1,255}$", description = "Required: one key per intended order, kept 24 h")
    ),
    request_body = CompleteRequest,
    responses(
        (status = 201, description = "The order placed (or, replayed, the order placed before)", body = Order,
            headers(("Idempotent-Replayed" = String, description = "`true` when this is a stored response"))),
        docs::BadRequest, docs::Unauthorized, docs::Forbidden, docs::NotFound,
        (status = 409, description = "`checkout_not_allocated`, `quote_changed` (new quote in `data`), `idempotency_key_in_use`, `checkout_expired`, `checkout_completed`", body = crate::error::Problem, content_type = "application/problem+json"),
        docs::UnsupportedMediaType, docs::Unprocessable, docs::Unavailable
    ),
    security(("bearer" = ["billing:write"]))
)]
#[post("/checkouts/{id}/complete")]
pub async fn complete_checkout(
    req: HttpRequest,
    principal: Principal,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: web::Bytes,
    request_id: tracing_actix_web::RequestId,
) -> Result<HttpResponse, ApiError> {
    principal.require(Permission::BillingWrite)?;
    let key = idempotency::key_from_headers(req.headers())?;
    let is_json = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().to_ascii_lowercase().starts_with("application/json"));
    if !is_json {
        return Err(ApiError::UnsupportedMediaType("send the body as Content-Type: application/json".into()));
    }
    let request: CompleteRequest = parse_json(&body)?;
    request.validate()?;
    let hash = idempotency::request_hash("POST", req.path(), &body);
    let claim = match idempotency::claim(&state.db, &principal, &key, &hash).await? {
        Claimed::Replay(stored) => return Ok(replay(stored)),
        Claimed::Fresh(claim) => claim,
    };
    let placed = place_order::complete(
        &state.db,
        &principal,
        path.into_inner(),
        request.acknowledged,
        &request.expected_total,
        &claim,
        &request_id.to_string(),
    )
    .await;
    match placed {
        Ok(order) => Ok(HttpResponse::Created().json(order)),
        Err(err) => {
            // Free the key so a corrected retry can use it; the failure changed nothing.
            idempotency::release(&state.db, &claim).await;
            Err(err)
        }
    }
}

fn replay(stored: idempotency::StoredResponse) -> HttpResponse {
    let status = actix_web::http::StatusCode::from_u16(stored.status).unwrap_or(actix_web::http::StatusCode::OK);
    let mut response = HttpResponse::build(status).content_type("application/json").body(stored.body);
    response.headers_mut().insert(HeaderName::from_static("idempotent-replayed"), HeaderValue::from_static("true"));
    response
}
