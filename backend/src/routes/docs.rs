//! Reusable OpenAPI responses for the errors every operation can return, so each
//! `#[utoipa::path]` lists its real error statuses in one short line.

// The tuple fields exist only so the derive knows the body schema.
#![allow(dead_code)]
use utoipa::IntoResponses;

use crate::error::Problem;

#[derive(IntoResponses)]
#[response(
    status = 400,
    description = "Malformed request (e.g. body is not JSON)",
    content_type = "application/problem+json"
)]
pub struct BadRequest(Problem);

#[derive(IntoResponses)]
#[response(
    status = 401,
    description = "Missing, invalid or expired bearer token",
    content_type = "application/problem+json"
)]
pub struct Unauthorized(Problem);

#[derive(IntoResponses)]
#[response(
    status = 403,
    description = "The caller's role or scopes do not allow this",
    content_type = "application/problem+json"
)]
pub struct Forbidden(Problem);

#[derive(IntoResponses)]
#[response(
    status = 404,
    description = "No such object in the caller's account",
    content_type = "application/problem+json"
)]
pub struct NotFound(Problem);

#[derive(IntoResponses)]
#[response(
    status = 409,
    description = "Conflicts with the current state; `code` says which rule",
    content_type = "application/problem+json"
)]
pub struct Conflict(Problem);

#[derive(IntoResponses)]
#[response(status = 413, description = "Request body too large", content_type = "application/problem+json")]
pub struct PayloadTooLarge(Problem);

#[derive(IntoResponses)]
#[response(status = 415, description = "Body must be application/json", content_type = "application/problem+json")]
pub struct UnsupportedMediaType(Problem);

#[derive(IntoResponses)]
#[response(
    status = 422,
    description = "Invalid input; `errors` names each field",
    content_type = "application/problem+json"
)]
pub struct Unprocessable(Problem);

#[derive(IntoResponses)]
#[response(status = 429, description = "Rate limited; see Retry-After", content_type = "application/problem+json")]
pub struct TooManyRequests(Problem);

#[derive(IntoResponses)]
#[response(
    status = 503,
    description = "Database unavailable; retry shortly",
    content_type = "application/problem+json"
)]
pub struct Unavailable(Problem);
