//! Turning `GET /licenses` parameters into a list query, and its keyset cursor.

use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::ApiError;
use crate::routes::license_models::{LicenseFilter, LicensePage, LicenseStatus};
use crate::routes::pagination::{decode_cursor, encode_cursor, page_limit};
use crate::storage::licenses::product_id;
use crate::storage::licenses_list::{self as store, KeyValue, ListFilter, ListQuery, SortKey};
use crate::storage::Db;

use super::licenses::to_api;

/// The first page counts matching licenses up to here, so the count stays cheap.
pub const COUNT_CAP: i64 = 1000;

/// What a cursor carries: the sort it was made for, the last row's key and id.
#[derive(Serialize, Deserialize)]
struct Cursor {
    s: String,
    k: serde_json::Value,
    id: Uuid,
}

pub fn parse_sort(sort: Option<&str>) -> Result<(SortKey, bool), ApiError> {
    let sort = sort.unwrap_or("-added_at");
    let (descending, name) = match sort.strip_prefix('-') {
        Some(name) => (true, name),
        None => (false, sort),
    };
    let key = match name {
        "added_at" => SortKey::AddedAt,
        "number" => SortKey::Number,
        "assignee" => SortKey::Assignee,
        "cost_center" => SortKey::CostCenter,
        "last_used_at" => SortKey::LastUsedAt,
        _ => {
            return Err(ApiError::validation(
                "sort",
                "must be added_at, number, assignee, cost_center or last_used_at, optionally prefixed with -",
            ))
        }
    };
    Ok((key, descending))
}

fn sort_name(sort: SortKey, descending: bool) -> String {
    let name = match sort {
        SortKey::AddedAt => "added_at",
        SortKey::Number => "number",
        SortKey::Assignee => "assignee",
        SortKey::CostCenter => "cost_center",
        SortKey::LastUsedAt => "last_used_at",
    };
    if descending {
        format!("-{name}")
    } else {
        name.to_string()
    }
}

fn encode(sort: &str, key: &KeyValue, id: Uuid) -> String {
    let k = match key {
        KeyValue::Int(v) => serde_json::json!(v),
        KeyValue::Time(v) => serde_json::json!(v),
        KeyValue::Text(v) => serde_json::json!(v),
    };
    encode_cursor(&Cursor { s: sort.to_string(), k, id })
}

fn decode(cursor: &str, sort: SortKey, sort_str: &str) -> Result<(KeyValue, Uuid), ApiError> {
    let bad = || ApiError::validation("cursor", "was made for another sort order; start again without a cursor");
    let c: Cursor = decode_cursor(cursor)?;
    if c.s != sort_str {
        return Err(bad());
    }
    let key = match sort {
        SortKey::Number => KeyValue::Int(serde_json::from_value(c.k).map_err(|_| bad())?),
        SortKey::AddedAt | SortKey::LastUsedAt => KeyValue::Time(serde_json::from_value(c.k).map_err(|_| bad())?),
        SortKey::Assignee | SortKey::CostCenter => KeyValue::Text(serde_json::from_value(c.k).map_err(|_| bad())?),
    };
    Ok((key, c.id))
}

/// Checks the filter parameters and resolves the product.
pub async fn to_list_filter(db: &Db, filter: &LicenseFilter) -> Result<ListFilter, ApiError> {
    let product_id = match filter.product.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        // An unknown product is a filter nothing matches (the nil id is no product's).
        Some(p) => Some(product_id(db, p).await?.unwrap_or(Uuid::nil())),
        None => None,
    };
    Ok(ListFilter {
        q: filter.q.as_deref().map(|q| q.trim().to_lowercase()).filter(|q| !q.is_empty()),
        cost_centers: filter.cost_center.clone(),
        assigned: filter.status.map(|s| s == LicenseStatus::Assigned),
        product_id,
        unused_since: filter
            .unused_since
            .map(|d| DateTime::<Utc>::from_naive_utc_and_offset(d.and_time(NaiveTime::MIN), Utc)),
    })
}

/// A list query for the filter, sort and cursor in `filter`, with `limit` rows per page.
pub async fn to_list_query(db: &Db, filter: &LicenseFilter, limit: u32) -> Result<ListQuery, ApiError> {
    let (sort, descending) = parse_sort(filter.sort.as_deref())?;
    let sort_str = sort_name(sort, descending);
    let after = match filter.cursor.as_deref() {
        Some(c) => Some(decode(c, sort, &sort_str)?),
        None => None,
    };
    Ok(ListQuery { filter: to_list_filter(db, filter).await?, sort, descending, after, limit })
}

/// One page of the list; the first page also carries the capped count.
pub async fn list(db: &Db, account_id: Uuid, filter: &LicenseFilter) -> Result<LicensePage, ApiError> {
    let limit = page_limit(filter.limit)?;
    let query = to_list_query(db, filter, limit).await?;
    let mut rows = store::page(db, account_id, &query).await?;
    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let sort_str = sort_name(query.sort, query.descending);
    let next_cursor = match rows.last() {
        Some(last) if has_more => Some(encode(&sort_str, &store::key_of(last, query.sort), last.id)),
        _ => None,
    };
    let (total, total_is_lower_bound) = match (query.after.is_none(), has_more) {
        // The whole result is on this first page: it is its own count.
        (true, false) => (Some(rows.len() as i64), false),
        (true, true) if filter.with_total == Some(true) => {
            let n = store::count_capped(db, account_id, &query.filter, COUNT_CAP + 1).await?;
            (Some(n.min(COUNT_CAP)), n > COUNT_CAP)
        }
        _ => (None, false),
    };
    Ok(LicensePage { items: rows.into_iter().map(to_api).collect(), next_cursor, total, total_is_lower_bound })
}

/// Next page position after `row` for a query (the export walks the list with it).
pub fn after_row(row: &crate::storage::licenses::LicenseRow, sort: SortKey) -> (KeyValue, Uuid) {
    (store::key_of(row, sort), row.id)
}
