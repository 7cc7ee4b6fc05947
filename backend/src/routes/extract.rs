//! Request extractors that fail as problem+json with per-field errors.
//!
//! `ValidJson<T>`: `application/json` only (else 415), size-limited (413), syntax errors 400,
//! unknown fields / wrong types / missing fields 422 naming the field (via serde_path_to_error),
//! then `validator` rules 422. `QueryParams<T>`: repeated keys (`cost_center=a&cost_center=b`)
//! deserialize into `Vec`s; bad values are 422 naming the parameter.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use validator::Validate;

use crate::error::{ApiError, FieldErrors};
use crate::startup::AppState;

pub struct ValidJson<T>(pub T);

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type_ok = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|mime| {
                let mime = mime.trim().to_ascii_lowercase();
                mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
            })
            .unwrap_or(false);
        let limit = req.app_data::<web::Data<AppState>>().map(|s| s.settings.max_body_bytes).unwrap_or(256 * 1024);
        let declared_len = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            if !content_type_ok {
                return Err(ApiError::UnsupportedMediaType("send the body as Content-Type: application/json".into()));
            }
            if declared_len.is_some_and(|len| len > limit) {
                return Err(ApiError::PayloadTooLarge(limit));
            }
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|e| ApiError::BadRequest(format!("could not read the body: {e}")))?;
                if body.len() + chunk.len() > limit {
                    return Err(ApiError::PayloadTooLarge(limit));
                }
                body.extend_from_slice(&chunk);
            }
            let value = parse_json::<T>(&body)?;
            refuse_nul_in_json(&body)?;
            value.validate()?;
            Ok(ValidJson(value))
        })
    }
}

/// Parses JSON, naming the offending field in the error.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if body.is_empty() {
        return Err(ApiError::BadRequest("the request body is empty; send a JSON object".into()));
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        match inner.classify() {
            serde_json::error::Category::Syntax
            | serde_json::error::Category::Eof
            | serde_json::error::Category::Io => ApiError::BadRequest(format!("the body is not valid JSON: {inner}")),
            serde_json::error::Category::Data => field_error(&path, &inner.to_string()),
        }
    })
}

/// Turns a serde message into a field error. Unknown and missing fields name themselves
/// in the message rather than in the path.
fn field_error(path: &str, message: &str) -> ApiError {
    let message = strip_position(message);
    let named = |prefix: &str| message.strip_prefix(prefix).and_then(|rest| rest.split('`').next()).map(str::to_string);
    let field = named("unknown field `")
        .or_else(|| named("missing field `"))
        .map(|f| match path {
            "" | "." => f,
            p if p == f || p.ends_with(&format!(".{f}")) => p.to_string(),
            p => format!("{p}.{f}"),
        })
        .unwrap_or_else(|| if path == "." || path.is_empty() { "body".to_string() } else { path.to_string() });
    let mut errors = FieldErrors::new();
    errors.insert(field.clone(), vec![message.to_string()]);
    ApiError::Validation { detail: format!("{field}: {message}"), errors }
}

fn strip_position(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

/// PostgreSQL text cannot hold U+0000 (it fails the statement) and SQLite would store it
/// silently: refuse it at the door, the same way on both backends, naming the field.
const NUL_MESSAGE: &str = "must not contain NUL (U+0000) characters";

fn refuse_nul_in_json(body: &[u8]) -> Result<(), ApiError> {
    // Raw NUL bytes are invalid JSON already; only the `\u0000` escape can smuggle one in.
    if !body.windows(6).any(|w| w == b"\\u0000") {
        return Ok(());
    }
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    match nul_path(&value, String::new()) {
        Some(path) => Err(ApiError::validation(if path.is_empty() { "body" } else { &path }, NUL_MESSAGE)),
        None => Ok(()),
    }
}

/// The dotted path of the first string (value or key) holding a NUL.
fn nul_path(value: &serde_json::Value, path: String) -> Option<String> {
    let join = |key: &str| if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
    match value {
        serde_json::Value::String(s) => s.contains('\0').then_some(path),
        serde_json::Value::Array(items) => {
            items.iter().enumerate().find_map(|(i, item)| nul_path(item, join(&i.to_string())))
        }
        serde_json::Value::Object(map) => map.iter().find_map(|(key, item)| {
            if key.contains('\0') {
                Some(join(&key.replace('\0', "\\0")))
            } else {
                nul_path(item, join(key))
            }
        }),
        _ => None,
    }
}

fn refuse_nul_in_query(query: &str) -> Result<(), ApiError> {
    if !query.contains("%00") {
        return Ok(());
    }
    let pairs: Vec<(String, String)> = serde_html_form::from_str(query).unwrap_or_default();
    match pairs.iter().find(|(key, value)| key.contains('\0') || value.contains('\0')) {
        Some((key, _)) => Err(ApiError::validation(&key.replace('\0', "\\0"), NUL_MESSAGE)),
        None => Ok(()),
    }
}

pub struct QueryParams<T>(pub T);

impl<T: DeserializeOwned + Validate + 'static> FromRequest for QueryParams<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(QueryParams))
    }
}

pub fn parse_query<T: DeserializeOwned + Validate>(query: &str) -> Result<T, ApiError> {
    refuse_nul_in_query(query)?;
    let de = serde_html_form::Deserializer::from_bytes(query.as_bytes());
    let value: T = serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        field_error(&path, &err.into_inner().to_string())
    })?;
    value.validate()?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, Validate)]
    #[serde(deny_unknown_fields)]
    struct Body {
        #[validate(range(min = 1, max = 10))]
        quantity: i64,
    }

    #[test]
    fn unknown_fields_are_named() {
        let err = parse_json::<Body>(br#"{"quantity":1,"price":"0"}"#).unwrap_err();
        match err {
            ApiError::Validation { errors, .. } => assert!(errors.contains_key("price")),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn wrong_types_name_the_field_and_syntax_errors_are_400() {
        match parse_json::<Body>(br#"{"quantity":"many"}"#).unwrap_err() {
            ApiError::Validation { errors, .. } => assert!(errors.contains_key("quantity")),
            other => panic!("unexpected {other:?}"),
        }
        assert!(matches!(parse_json::<Body>(b"{").unwrap_err(), ApiError::BadRequest(_)));
    }

    #[test]
    fn nul_characters_are_refused_naming_the_field() {
        let body = br#"{"quantity":1,"note":{"lines":["ok","a\u0000b"]}}"#;
        match refuse_nul_in_json(body).unwrap_err() {
            ApiError::Validation { errors, .. } => assert!(errors.contains_key("note.lines.1"), "{errors:?}"),
            other => panic!("unexpected {other:?}"),
        }
        assert!(refuse_nul_in_json(br#"{"note":"a\\u0000 is only a backslash"}"#).is_ok());
        match parse_query::<Filter>("cost_center=a&cost_center=b%00").unwrap_err() {
            ApiError::Validation { errors, .. } => assert!(errors.contains_key("cost_center")),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[derive(Debug, Deserialize, Validate)]
    struct Filter {
        #[serde(default)]
        cost_center: Vec<String>,
        limit: Option<u32>,
    }

    #[test]
    fn repeated_query_keys_collect_into_a_vec() {
        let f: Filter = parse_query("cost_center=a&cost_center=b&limit=5").unwrap();
        assert_eq!(f.cost_center, vec!["a", "b"]);
        assert_eq!(f.limit, Some(5));
        assert!(parse_query::<Filter>("limit=lots").is_err());
    }
}
