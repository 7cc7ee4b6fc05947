//! One error type for the whole API, rendered as RFC 9457 `application/problem+json`.
//!
//! Status per variant: Validation 422 · BadRequest 400 · Unauthorized 401 · Forbidden 403 ·
//! NotFound 404 · Conflict 409 (with a machine-readable `code`) · PayloadTooLarge 413 ·
//! UnsupportedMediaType 415 · TooManyRequests 429 · Unavailable 503 · Internal 500.
//! Internal errors are logged with their cause chain and never described to the client.

use std::collections::BTreeMap;

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// Field name → messages. Nested fields use dots (`lines.0.quantity`).
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// An RFC 9457 problem document.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "type": "https://seatdesk.example/problems/conflict",
    "title": "Conflict",
    "status": 409,
    "detail": "license LR-000007 is already assigned",
    "code": "license_already_assigned"
}))]
pub struct Problem {
    /// A URI that identifies the kind of problem.
    #[serde(rename = "type")]
    pub type_uri: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong this time, in words a person can act on.
    pub detail: String,
    /// Machine-readable reason, for conflicts (`license_already_assigned`, `quote_changed`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Per-field messages, for validation problems.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<FieldErrors>,
    /// Extra data for some conflicts (for `quote_changed`, the new quote).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub data: Option<serde_json::Value>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{detail}")]
    Validation { detail: String, errors: FieldErrors },
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String, data: Option<serde_json::Value> },
    #[error("request body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("{0}")]
    Unavailable(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        let mut errors = FieldErrors::new();
        errors.insert(field.to_string(), vec![message.clone()]);
        ApiError::Validation { detail: format!("{field}: {message}"), errors }
    }

    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        ApiError::Conflict { code, detail: detail.into(), data: None }
    }

    fn slug(&self) -> &'static str {
        match self {
            ApiError::Validation { .. } => "validation-error",
            ApiError::BadRequest(_) => "bad-request",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::NotFound(_) => "not-found",
            ApiError::Conflict { .. } => "conflict",
            ApiError::PayloadTooLarge(_) => "payload-too-large",
            ApiError::UnsupportedMediaType(_) => "unsupported-media-type",
            ApiError::TooManyRequests { .. } => "too-many-requests",
            ApiError::Unavailable(_) => "service-unavailable",
            ApiError::Internal(_) => "internal-error",
        }
    }

    pub fn to_problem(&self) -> Problem {
        let status = self.status_code();
        let detail = match self {
            ApiError::Internal(_) => "an unexpected error occurred; it has been logged".to_string(),
            other => other.to_string(),
        };
        let (code, data) = match self {
            ApiError::Conflict { code, data, .. } => (Some(code.to_string()), data.clone()),
            _ => (None, None),
        };
        let errors = match self {
            ApiError::Validation { errors, .. } => Some(errors.clone()),
            _ => None,
        };
        Problem {
            type_uri: problem_type(self.slug()),
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            status: status.as_u16(),
            detail,
            code,
            errors,
            data,
        }
    }
}

pub fn problem_type(slug: &str) -> String {
    format!("https://seatdesk.example/problems/{slug}")
}

/// A problem for a bare status (used when rewriting framework responses).
pub fn problem_for_status(status: StatusCode, detail: &str) -> Problem {
    let slug = match status.as_u16() {
        400 => "bad-request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        406 => "not-acceptable",
        408 => "request-timeout",
        413 => "payload-too-large",
        415 => "unsupported-media-type",
        422 => "validation-error",
        429 => "too-many-requests",
        503 => "service-unavailable",
        s if s >= 500 => "internal-error",
        _ => "client-error",
    };
    Problem {
        type_uri: problem_type(slug),
        title: status.canonical_reason().unwrap_or("Error").to_string(),
        status: status.as_u16(),
        detail: detail.to_string(),
        code: None,
        errors: None,
        data: None,
    }
}

pub fn problem_response(problem: &Problem) -> HttpResponse {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
        .body(serde_json::to_string(problem).unwrap_or_default())
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(err) = self {
            tracing::error!(error = ?err, "internal error");
        }
        let mut response = problem_response(&self.to_problem());
        match self {
            ApiError::Unauthorized(_) => {
                response.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
            }
            ApiError::TooManyRequests { retry_after_secs } => {
                response.headers_mut().insert(header::RETRY_AFTER, (*retry_after_secs).into());
            }
            ApiError::Unavailable(_) => {
                response.headers_mut().insert(header::RETRY_AFTER, 1u64.into());
            }
            _ => {}
        }
        response
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::warn!(error = %err, "database unavailable");
                ApiError::Unavailable("the database is unavailable; try again shortly".into())
            }
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                ApiError::conflict("conflict", "the change conflicts with an existing record")
            }
            // Serialization failures and deadlocks that outlived their retries.
            sqlx::Error::Database(db) if matches!(db.code().as_deref(), Some("40001" | "40P01")) => {
                ApiError::conflict("concurrent_update", "a concurrent change won; retry the request")
            }
            // The database cannot serve now: connection failures (08), too many connections or
            // out of resources (53), shut down or restarting (57P), a database that refuses
            // connections or is gone (55000, 3D000), a lock it will not wait for (55P03).
            sqlx::Error::Database(db) if db.code().as_deref().is_some_and(is_unavailable_sqlstate) => {
                tracing::warn!(error = %err, "database connection lost");
                ApiError::Unavailable("the database is unavailable; try again shortly".into())
            }
            // (PostgreSQL SQLSTATEs have 5 characters; SQLite's codes are numbers of up to 4.)
            // A value the database cannot hold (class 22: data exception, e.g. a number out of
            // range; 54000: a key too long for an index) came from the request: a client error.
            sqlx::Error::Database(db)
                if db.code().as_deref().is_some_and(|c| c.len() == 5 && (c.starts_with("22") || c == "54000")) =>
            {
                tracing::warn!(error = %err, "the database refused a value from the request");
                ApiError::Validation {
                    detail: "a value in the request cannot be stored (too long or out of range)".into(),
                    errors: FieldErrors::from([("body".to_string(), vec!["a value cannot be stored".to_string()])]),
                }
            }
            _ => ApiError::Internal(anyhow::Error::new(err).context("database error")),
        }
    }
}

/// PostgreSQL SQLSTATEs, and SQLite's BUSY/LOCKED codes (once `busy_timeout` has run out).
fn is_unavailable_sqlstate(code: &str) -> bool {
    const SQLITE_BUSY_OR_LOCKED: [&str; 6] = ["5", "6", "261", "262", "517", "773"];
    SQLITE_BUSY_OR_LOCKED.contains(&code)
        || (code.len() == 5
            && (code.starts_with("08")
                || code.starts_with("53")
                || code.starts_with("57P")
                || code.starts_with("55")
                || code == "3D000"))
}

impl From<validator::ValidationErrors> for ApiError {
    fn from(errs: validator::ValidationErrors) -> Self {
        let mut errors = FieldErrors::new();
        collect_validation_errors("", &errs, &mut errors);
        let detail =
            errors.iter().map(|(field, msgs)| format!("{field}: {}", msgs.join(", "))).collect::<Vec<_>>().join("; ");
        ApiError::Validation { detail, errors }
    }
}

fn collect_validation_errors(prefix: &str, errs: &validator::ValidationErrors, out: &mut FieldErrors) {
    use validator::ValidationErrorsKind;
    for (field, kind) in errs.errors() {
        let path = if prefix.is_empty() { field.to_string() } else { format!("{prefix}.{field}") };
        match kind {
            ValidationErrorsKind::Field(list) => {
                let msgs = list.iter().map(|e| {
                    e.message.as_ref().map(|m| m.to_string()).unwrap_or_else(|| format!("is invalid ({})", e.code))
                });
                out.entry(path).or_default().extend(msgs);
            }
            ValidationErrorsKind::Struct(inner) => collect_validation_errors(&path, inner, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    collect_validation_errors(&format!("{path}.{index}"), inner, out);
                }
            }
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
