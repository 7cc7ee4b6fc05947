//! `GET /api/v1/openapi.json`: the spec, computed once at start-up from the handlers.

use actix_web::{get, http::header, web, HttpResponse};

/// The serialized OpenAPI document.
pub struct SpecJson(pub String);

/// This API's OpenAPI 3.1 document (the source of every generated client).
#[utoipa::path(
    tag = "service",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object, content_type = "application/json")),
    security(())
)]
#[get("/api/v1/openapi.json")]
pub async fn openapi_json(spec: web::Data<SpecJson>) -> HttpResponse {
    HttpResponse::Ok().insert_header((header::CONTENT_TYPE, "application/json")).body(spec.0.clone())
}
