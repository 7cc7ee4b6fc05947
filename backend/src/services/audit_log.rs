//! Reading the audit trail: filters and the keyset cursor.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::error::ApiError;
use crate::routes::audit::{AuditActor, AuditEvent, AuditEventPage, AuditFilter};
use crate::routes::pagination::{decode_cursor, into_page, page_limit};
use crate::storage::audit::{list_events, AuditQuery};
use crate::storage::Db;

pub async fn list(db: &Db, account_id: Uuid, filter: &AuditFilter) -> Result<AuditEventPage, ApiError> {
    let limit = page_limit(filter.limit)?;
    let after: Option<(DateTime<Utc>, Uuid)> = match filter.cursor.as_deref() {
        Some(c) => Some(decode_cursor(c)?),
        None => None,
    };
    let actor = filter.actor.as_deref().map(str::trim).filter(|a| !a.is_empty());
    let query = AuditQuery {
        actor_id: actor.and_then(|a| Uuid::parse_str(a).ok()),
        actor_label: actor.filter(|a| Uuid::parse_str(a).is_err()).map(str::to_string),
        action: filter.action.clone(),
        object_id: filter.object.clone(),
        since: filter.since,
        until: filter.until,
        after,
        limit: i64::from(limit) + 1,
    };
    let rows = list_events(db, account_id, &query).await?;
    let page = into_page(rows, limit, |r| (r.occurred_at, r.id));
    Ok(AuditEventPage {
        items: page
            .items
            .into_iter()
            .map(|r| AuditEvent {
                id: r.id,
                occurred_at: r.occurred_at,
                actor: AuditActor { actor_type: r.actor_type, id: r.actor_id, label: r.actor_label },
                action: r.action,
                object_type: r.object_type,
                object_id: r.object_id,
                before: r.before.map(|j| j.0),
                after: r.after.map(|j| j.0),
                outcome: r.outcome,
                request_id: r.request_id,
            })
            .collect(),
        next_cursor: page.next_cursor,
    })
}
