//! Rules every JSON body and query string obeys on top of serde's: a body is an object,
//! `5.0` is the integer 5 (as JSON Schema counts it), and no string carries a NUL character.

use serde_json::{Number, Value};

use crate::error::ApiError;

/// PostgreSQL text cannot hold U+0000 (it fails the statement) and SQLite would store it
/// silently: refuse it at the door, the same way on both backends, naming the field.
const NUL_MESSAGE: &str = "must not contain NUL (U+0000) characters";

pub fn refuse_nul_in_json(body: &[u8]) -> Result<(), ApiError> {
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

pub fn refuse_nul_in_query(query: &str) -> Result<(), ApiError> {
    if !query.contains("%00") {
        return Ok(());
    }
    let pairs: Vec<(String, String)> = serde_html_form::from_str(query).unwrap_or_default();
    match pairs.iter().find(|(key, value)| key.contains('\0') || value.contains('\0')) {
        Some((key, _)) => Err(ApiError::validation(&key.replace('\0', "\\0"), NUL_MESSAGE)),
        None => Ok(()),
    }
}

/// A JSON body must be an object: serde would otherwise fill a struct from an array
/// (`[null, null]` as a PATCH body).
pub fn require_object(body: &[u8]) -> Result<(), ApiError> {
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Ok(()),
        _ if serde_json::from_slice::<serde::de::IgnoredAny>(body).is_err() => {
            Err(ApiError::BadRequest("the body is not valid JSON; send a JSON object".into()))
        }
        _ => Err(ApiError::validation("body", "must be a JSON object")),
    }
}

/// The body as a `Value` with every integral float (`5618.0`) turned into an integer, for
/// fields typed as integers: JSON Schema's `integer` accepts them, serde does not.
pub fn integral_floats_as_integers(body: &[u8]) -> Result<Value, ApiError> {
    fn walk(value: &mut Value) {
        match value {
            Value::Number(n) => {
                if let Some(f) = n.as_f64().filter(|f| n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15) {
                    *n = Number::from(f as i64);
                }
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            Value::Object(map) => map.values_mut().for_each(walk),
            _ => {}
        }
    }
    let mut value: Value = serde_json::from_slice(body).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    walk(&mut value);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_characters_are_refused_naming_the_field() {
        let body = br#"{"quantity":1,"note":{"lines":["ok","a\u0000b"]}}"#;
        match refuse_nul_in_json(body).unwrap_err() {
            ApiError::Validation { errors, .. } => assert!(errors.contains_key("note.lines.1"), "{errors:?}"),
            other => panic!("unexpected {other:?}"),
        }
        assert!(refuse_nul_in_json(br#"{"note":"a\\u0000 is only a backslash"}"#).is_ok());
        match refuse_nul_in_query("cost_center=a&cost_center=b%00").unwrap_err() {
            ApiError::Validation { errors, .. } => assert!(errors.contains_key("cost_center")),
            other => panic!("unexpected {other:?}"),
        }
    }
}
