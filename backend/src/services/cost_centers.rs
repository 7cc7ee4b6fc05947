//! Cost centers: list, create ("New" in the checkout) and change, each change audited.

use uuid::Uuid;

use crate::auth::Principal;
use crate::domain::cost_center_code::CostCenterCode;
use crate::domain::license::search_text;
use crate::domain::time::now_utc;
use crate::error::ApiError;
use crate::routes::pagination::{decode_cursor, into_page, Page};
use crate::services::views::CostCenter;
use crate::storage::audit::{self, NewAuditEvent};
use crate::storage::cost_centers::{self as store, CostCenterRow};
use crate::storage::{errors::is_any_unique_violation, Db, Tx};

pub struct CostCenterChange {
    pub code: Option<String>,
    pub name: Option<String>,
    /// `Some(None)` removes the parent.
    pub parent_id: Option<Option<Uuid>>,
}

fn view(row: &CostCenterRow) -> CostCenter {
    CostCenter {
        id: row.id,
        code: row.code.clone(),
        name: row.name.clone(),
        parent_id: row.parent_id,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn like_pattern(q: &str) -> String {
    let escaped = q.trim().to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

pub async fn list(
    db: &Db,
    principal: &Principal,
    q: Option<&str>,
    cursor: Option<&str>,
    limit: u32,
) -> Result<Page<CostCenter>, ApiError> {
    let after = cursor.map(decode_cursor::<(String, Uuid)>).transpose()?;
    let pattern = q.filter(|q| !q.trim().is_empty()).map(like_pattern);
    let rows = store::page(db, principal.account_id, pattern.as_deref(), after, i64::from(limit) + 1).await?;
    let page = into_page(rows, limit, |r| (r.code.to_lowercase(), r.id));
    Ok(Page { items: page.items.iter().map(view).collect(), next_cursor: page.next_cursor })
}

fn parse_name(raw: &str) -> Result<String, ApiError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(ApiError::validation("name", "must not be blank"));
    }
    Ok(name.to_string())
}

fn parse_code(raw: &str) -> Result<CostCenterCode, ApiError> {
    CostCenterCode::parse(raw).map_err(|msg| ApiError::validation("code", msg))
}

fn code_taken(err: sqlx::Error, code: &str) -> ApiError {
    if is_any_unique_violation(&err) {
        ApiError::conflict("cost_center_code_taken", format!("cost center code {code} is already in use"))
    } else {
        err.into()
    }
}

pub async fn create(
    db: &Db,
    principal: &Principal,
    code: &str,
    name: &str,
    parent_id: Option<Uuid>,
    request_id: &str,
) -> Result<CostCenter, ApiError> {
    let code = parse_code(code)?;
    let name = parse_name(name)?;
    let mut tx = db.begin().await?;
    if let Some(parent) = parent_id {
        store::get(&mut tx, principal.account_id, parent).await?.ok_or(ApiError::NotFound("parent cost center"))?;
    }
    let now = now_utc();
    let row =
        CostCenterRow { id: Uuid::now_v7(), code: code.to_string(), name, parent_id, created_at: now, updated_at: now };
    store::insert(&mut tx, principal.account_id, &row).await.map_err(|e| code_taken(e, code.as_str()))?;
    let created = view(&row);
    let event = NewAuditEvent::success(principal, "cost_center.create", "cost_center", row.id)
        .with_after(&created)
        .with_request_id(request_id);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(created)
}

pub async fn update(
    db: &Db,
    principal: &Principal,
    id: Uuid,
    change: CostCenterChange,
    request_id: &str,
) -> Result<CostCenter, ApiError> {
    let new_code = change.code.as_deref().map(parse_code).transpose()?;
    let new_name = change.name.as_deref().map(parse_name).transpose()?;
    let mut tx = db.begin().await?;
    let before = store::get(&mut tx, principal.account_id, id).await?.ok_or(ApiError::NotFound("cost center"))?;
    let mut after = before.clone();
    if let Some(code) = &new_code {
        after.code = code.to_string();
    }
    if let Some(name) = new_name {
        after.name = name;
    }
    if let Some(parent) = change.parent_id {
        if let Some(parent) = parent {
            ensure_no_cycle(&mut tx, principal.account_id, id, parent).await?;
        }
        after.parent_id = parent;
    }
    after.updated_at = now_utc();
    store::update(&mut tx, principal.account_id, &after).await.map_err(|e| code_taken(e, &after.code))?;
    if after.code != before.code {
        refresh_license_search_text(&mut tx, principal.account_id, id, &after.code).await?;
    }
    let updated = view(&after);
    let event = NewAuditEvent::success(principal, "cost_center.update", "cost_center", id)
        .with_before(view(&before))
        .with_after(&updated)
        .with_request_id(request_id);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(updated)
}

/// The new parent must exist in the account and must not be the cost center or below it.
async fn ensure_no_cycle(tx: &mut Tx, account_id: Uuid, id: Uuid, parent: Uuid) -> Result<(), ApiError> {
    store::get(tx, account_id, parent).await?.ok_or(ApiError::NotFound("parent cost center"))?;
    let mut cursor = Some(parent);
    let mut steps = 0;
    while let Some(current) = cursor {
        if current == id {
            return Err(ApiError::validation("parent_id", "would make the cost center its own ancestor"));
        }
        steps += 1;
        if steps > 1000 {
            return Err(ApiError::validation("parent_id", "the cost center hierarchy is too deep"));
        }
        cursor = store::parent_of(tx, account_id, current).await?;
    }
    Ok(())
}

/// A license's search text embeds its cost-center code: rewrite it for every license of the
/// cost center, in the transaction that changes the code.
async fn refresh_license_search_text(tx: &mut Tx, account_id: Uuid, id: Uuid, code: &str) -> Result<(), ApiError> {
    let licenses = store::licenses_of(tx, account_id, id).await?;
    let texts: Vec<(Uuid, String)> = licenses
        .iter()
        .map(|l| {
            let assignee = match (&l.assignee_name, &l.assignee_email, &l.assignee_ext) {
                (Some(n), Some(e), Some(x)) => Some((n.as_str(), e.as_str(), x.as_str())),
                _ => None,
            };
            (l.id, search_text(l.number, code, assignee))
        })
        .collect();
    store::set_search_texts(tx, &texts).await?;
    Ok(())
}
