//! Keyset pagination: `{ items, next_cursor }` with an opaque cursor and `limit` 1–200.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::ApiError;

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;

/// One page of a list. Pass `next_cursor` back as `cursor` for the next page; `null` means last page.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// The requested page size, defaulted and checked (1–200).
pub fn page_limit(limit: Option<u32>) -> Result<u32, ApiError> {
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::validation("limit", format!("must be between 1 and {MAX_LIMIT}"))),
    }
}

/// Encodes a sort key as an opaque cursor.
pub fn encode_cursor<K: Serialize>(key: &K) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).expect("cursor keys serialize"))
}

/// Decodes a cursor made by `encode_cursor`. Anything else names no page: 404, like an unknown
/// id in the path (the spec cannot tell a client which opaque strings are cursors, so a
/// well-formed request with a made-up cursor is "not found", not "invalid").
pub fn decode_cursor<K: DeserializeOwned>(cursor: &str) -> Result<K, ApiError> {
    URL_SAFE_NO_PAD
        .decode(cursor.as_bytes())
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or(ApiError::NotFound("page (the cursor is not one this API returned)"))
}

/// Fetch `limit + 1` rows, then call this: it trims the extra row and makes the cursor
/// from the last row kept.
pub fn into_page<T, K: Serialize>(mut rows: Vec<T>, limit: u32, key_of: impl Fn(&T) -> K) -> Page<T> {
    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = if has_more { rows.last().map(|row| encode_cursor(&key_of(row))) } else { None };
    Page { items: rows, next_cursor }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_rejected() {
        let c = encode_cursor(&("2026-01-01T00:00:00Z", 42));
        let back: (String, i64) = decode_cursor(&c).unwrap();
        assert_eq!(back, ("2026-01-01T00:00:00Z".to_string(), 42));
        assert!(decode_cursor::<(String, i64)>("%%%").is_err());
    }

    #[test]
    fn limits_default_and_are_bounded() {
        assert_eq!(page_limit(None).unwrap(), 50);
        assert!(page_limit(Some(0)).is_err());
        assert!(page_limit(Some(201)).is_err());
    }

    #[test]
    fn a_full_page_gets_a_cursor_and_a_short_one_does_not() {
        let page = into_page(vec![1, 2, 3], 2, |n| *n);
        assert_eq!((page.items, page.next_cursor.is_some()), (vec![1, 2], true));
        assert!(into_page(vec![1], 2, |n| *n).next_cursor.is_none());
    }
}
