//! CSV export of the filtered list, streamed chunk by chunk over the keyset (never the whole
//! list in memory), with cells a spreadsheet would evaluate made inert.

use actix_web::web::Bytes;
use futures_util::Stream;
use uuid::Uuid;

use crate::domain::license::license_number;
use crate::error::ApiError;
use crate::routes::license_models::LicenseFilter;
use crate::storage::licenses::LicenseRow;
use crate::storage::licenses_list::{self as store, ListQuery};
use crate::storage::Db;

use super::licenses_list::{after_row, to_list_query};

/// Rows fetched per round trip.
const CHUNK: u32 = 1000;

const HEADER: [&str; 10] = [
    "number",
    "license_type",
    "assignee_name",
    "assignee_email",
    "assignee_ext",
    "cost_center_code",
    "cost_center_name",
    "added_at",
    "assigned_at",
    "last_used_at",
];

/// A cell as text a spreadsheet shows rather than runs: formula starters get a leading `'`.
pub fn excel_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

fn time(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).unwrap_or_default()
}

fn record(row: &LicenseRow) -> [String; 10] {
    [
        license_number(row.number),
        row.product_name.clone(),
        row.assignee_name.clone().unwrap_or_default(),
        row.assignee_email.clone().unwrap_or_default(),
        row.assignee_ext.clone().unwrap_or_default(),
        row.cost_center_code.clone(),
        row.cost_center_name.clone(),
        time(Some(row.added_at)),
        time(row.assigned_at),
        time(row.last_used_at),
    ]
}

fn to_csv(header: bool, rows: &[LicenseRow]) -> Result<Bytes, ApiError> {
    let mut writer = csv::Writer::from_writer(Vec::with_capacity(rows.len() * 128));
    let fail = |e: csv::Error| ApiError::Internal(anyhow::Error::new(e).context("writing CSV"));
    if header {
        writer.write_record(HEADER).map_err(fail)?;
    }
    for row in rows {
        writer.write_record(record(row).iter().map(|c| excel_safe(c))).map_err(fail)?;
    }
    let bytes = writer.into_inner().map_err(|e| ApiError::Internal(anyhow::anyhow!("writing CSV: {e}")))?;
    Ok(Bytes::from(bytes))
}

struct State {
    db: Db,
    account_id: Uuid,
    query: ListQuery,
    first: bool,
    done: bool,
}

/// Checks the filter now (so a bad one is a 422, not a broken download), then streams.
pub async fn csv_stream(
    db: Db,
    account_id: Uuid,
    mut filter: LicenseFilter,
) -> Result<impl Stream<Item = Result<Bytes, ApiError>>, ApiError> {
    filter.cursor = None;
    let query = to_list_query(&db, &filter, CHUNK).await?;
    let state = State { db, account_id, query, first: true, done: false };
    Ok(futures_util::stream::unfold(state, |mut state| async move {
        if state.done {
            return None;
        }
        let mut rows = match store::page(&state.db, state.account_id, &state.query).await {
            Ok(rows) => rows,
            Err(e) => {
                state.done = true;
                return Some((Err(ApiError::from(e)), state));
            }
        };
        let has_more = rows.len() > CHUNK as usize;
        rows.truncate(CHUNK as usize);
        match rows.last() {
            Some(last) if has_more => state.query.after = Some(after_row(last, state.query.sort)),
            _ => state.done = true,
        }
        let chunk = to_csv(state.first, &rows);
        state.first = false;
        Some((chunk, state))
    }))
}

#[cfg(test)]
mod tests {
    use super::excel_safe;

    #[test]
    fn formula_starters_are_made_inert() {
        for cell in ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx"] {
            assert!(excel_safe(cell).starts_with('\''), "{cell}");
        }
        assert_eq!(excel_safe("Ava Thompson"), "Ava Thompson");
        assert_eq!(excel_safe(""), "");
    }
}
