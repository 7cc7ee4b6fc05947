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
use serde::Deserialize;
use validator::Validate;

use crate::error::{ApiError, FieldErrors};
use crate::routes::body_rules;
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
            value.validate()?;
            Ok(ValidJson(value))
        })
    }
}

/// Parses a JSON object, naming the offending field in the error. Beyond serde's own checks:
/// the top level must be an object (serde would fill a struct from an array), integral floats
/// (`5.0`) count as integers as JSON Schema says, and strings may not hold NUL characters.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if body.is_empty() {
        return Err(ApiError::BadRequest("the request body is empty; send a JSON object".into()));
    }
    body_rules::require_object(body)?;
    let value = match deserialize_json(&mut serde_json::Deserializer::from_slice(body)) {
        Err(ApiError::Validation { detail, .. }) if detail.contains("invalid type: floating point") => {
            let value = body_rules::integral_floats_as_integers(body)?;
            deserialize_json(value)?
        }
        other => other?,
    };
    body_rules::refuse_nul_in_json(body)?;
    Ok(value)
}

fn deserialize_json<'de, T: DeserializeOwned, D>(de: D) -> Result<T, ApiError>
where
    D: serde::Deserializer<'de, Error = serde_json::Error>,
{
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
pub(crate) fn field_error(path: &str, message: &str) -> ApiError {
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

pub struct QueryParams<T>(pub T);

impl<T: DeserializeOwned + Validate + 'static> FromRequest for QueryParams<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(QueryParams))
    }
}

pub fn parse_query<T: DeserializeOwned + Validate>(query: &str) -> Result<T, ApiError> {
    body_rules::refuse_nul_in_query(query)?;
    let de = serde_html_form::Deserializer::from_bytes(query.as_bytes());
    let value: T = serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        field_error(&path, &err.into_inner().to_string())
    })?;
    value.validate()?;
    Ok(value)
}

/// For optional query parameters (`#[serde(default, deserialize_with = "present")]`): absent
/// is `None`, but a present value must parse, so `limit=` or `kind=` is a 422 like the spec says.
pub fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(de: D) -> Result<Option<T>, D::Error> {
    T::deserialize(de).map(Some)
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
    fn arrays_are_not_objects_and_integral_floats_are_integers() {
        match parse_json::<Body>(b"[3]").unwrap_err() {
            ApiError::Validation { errors, .. } => assert!(errors.contains_key("body")),
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(parse_json::<Body>(br#"{"quantity": 3.0}"#).unwrap().quantity, 3);
        match parse_json::<Body>(br#"{"quantity": 3.5}"#).unwrap_err() {
            ApiError::Validation { errors, .. } => assert!(errors.contains_key("quantity")),
            other => panic!("unexpected {other:?}"),
        }
        let duplicate = parse_json::<Body>(br#"{"quantity": 1, "quantity": 2}"#);
        assert!(duplicate.is_err(), "duplicate keys are refused");
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
