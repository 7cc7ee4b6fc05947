//! The append-only audit log (the database refuses UPDATE and DELETE on it).

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::types::Json;
use uuid::Uuid;

use super::{Db, Tx};
use crate::auth::Principal;

/// Who did it.
#[derive(Debug, Clone)]
pub struct ActorRef {
    /// `member`, `api_client`, `system` or `anonymous`.
    pub actor_type: &'static str,
    pub actor_id: Option<Uuid>,
    pub label: String,
}

impl ActorRef {
    pub fn of(principal: &Principal) -> Self {
        ActorRef { actor_type: principal.actor_type(), actor_id: Some(principal.id()), label: principal.label.clone() }
    }

    pub fn system() -> Self {
        ActorRef { actor_type: "system", actor_id: None, label: "seatdesk".into() }
    }

    pub fn anonymous(label: impl Into<String>) -> Self {
        ActorRef { actor_type: "anonymous", actor_id: None, label: label.into() }
    }
}

/// One audit event about to be written.
#[derive(Debug, Clone)]
pub struct NewAuditEvent {
    pub account_id: Option<Uuid>,
    pub actor: ActorRef,
    /// Dotted verb, e.g. `license.assign`, `order.place`, `auth.denied`.
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
    /// `success`, `denied` or `failed`.
    pub outcome: &'static str,
    pub request_id: String,
    pub occurred_at: DateTime<Utc>,
}

impl NewAuditEvent {
    /// A successful change by `principal`.
    pub fn success(principal: &Principal, action: &str, object_type: &str, object_id: impl ToString) -> Self {
        NewAuditEvent {
            account_id: Some(principal.account_id),
            actor: ActorRef::of(principal),
            action: action.into(),
            object_type: object_type.into(),
            object_id: object_id.to_string(),
            before: None,
            after: None,
            outcome: "success",
            request_id: String::new(),
            occurred_at: crate::domain::time::now_utc(),
        }
    }

    pub fn with_before(mut self, before: impl serde::Serialize) -> Self {
        self.before = serde_json::to_value(before).ok();
        self
    }

    pub fn with_after(mut self, after: impl serde::Serialize) -> Self {
        self.after = serde_json::to_value(after).ok();
        self
    }

    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = request_id.into();
        self
    }
}

/// Binds, in order: id, account_id, occurred_at, actor_type, actor_id, actor_label, action,
/// object_type, object_id, before, after, outcome, request_id.
pub const INSERT: &str = "INSERT INTO audit_events \
    (id, account_id, occurred_at, actor_type, actor_id, actor_label, action, object_type, object_id, \
     before, after, outcome, request_id) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";

macro_rules! bind_event {
    ($event:expr) => {
        sqlx::query(INSERT)
            .bind(Uuid::now_v7())
            .bind($event.account_id)
            .bind($event.occurred_at)
            .bind($event.actor.actor_type)
            .bind($event.actor.actor_id)
            .bind(&$event.actor.label)
            .bind(&$event.action)
            .bind(&$event.object_type)
            .bind(&$event.object_id)
            .bind($event.before.as_ref().map(Json))
            .bind($event.after.as_ref().map(Json))
            .bind($event.outcome)
            .bind(&$event.request_id)
    };
}

/// Writes the event inside the caller's transaction, so it commits with the change it describes.
pub async fn record(tx: &mut Tx, event: &NewAuditEvent) -> Result<(), sqlx::Error> {
    crate::tx_execute!(tx, bind_event!(event))?;
    Ok(())
}

/// Writes the event on its own (denied attempts, where there is no change to commit with).
pub async fn record_alone(db: &Db, event: &NewAuditEvent) -> Result<(), sqlx::Error> {
    crate::db_execute!(db, bind_event!(event))?;
    Ok(())
}

/// One stored event, as `GET /audit-events` reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    pub id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub actor_type: String,
    pub actor_id: Option<Uuid>,
    pub actor_label: String,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub before: Option<Json<Value>>,
    pub after: Option<Json<Value>>,
    pub outcome: String,
    pub request_id: String,
}

/// Filters of the audit list; `None` means "any".
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub actor_id: Option<Uuid>,
    pub actor_label: Option<String>,
    /// Exact, or a prefix when it ends with `.`.
    pub action: Option<String>,
    pub object_id: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// Rows strictly older than this (occurred_at, id).
    pub after: Option<(DateTime<Utc>, Uuid)>,
    pub limit: i64,
}

/// The account's events, newest first, walking `audit_events_account_idx`.
pub async fn list_events(db: &Db, account_id: Uuid, q: &AuditQuery) -> Result<Vec<AuditRow>, sqlx::Error> {
    let (action_exact, action_prefix) = match q.action.as_deref() {
        Some(a) if a.ends_with('.') => {
            (None, Some(format!("{}%", a.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))))
        }
        Some(a) => (Some(a.to_string()), None),
        None => (None, None),
    };
    let sql = "SELECT id, occurred_at, actor_type, actor_id, actor_label, action, object_type, object_id, \
               before, after, outcome, request_id FROM audit_events \
               WHERE account_id = $1 \
               AND ($2 IS NULL OR actor_id = $2) AND ($3 IS NULL OR actor_label = $3) \
               AND ($4 IS NULL OR action = $4) AND ($5 IS NULL OR action LIKE $5 ESCAPE '\\') \
               AND ($6 IS NULL OR object_id = $6) \
               AND ($7 IS NULL OR occurred_at >= $7) AND ($8 IS NULL OR occurred_at < $8) \
               AND ($9 IS NULL OR (occurred_at, id) < ($9, $10)) \
               ORDER BY occurred_at DESC, id DESC LIMIT $11";
    let (after_at, after_id) = match q.after {
        Some((at, id)) => (Some(at), Some(id)),
        None => (None, None),
    };
    crate::on_read!(db, |pool| sqlx::query_as::<_, AuditRow>(sql)
        .bind(account_id)
        .bind(q.actor_id)
        .bind(q.actor_label.as_deref())
        .bind(action_exact.as_deref())
        .bind(action_prefix.as_deref())
        .bind(q.object_id.as_deref())
        .bind(q.since)
        .bind(q.until)
        .bind(after_at)
        .bind(after_id)
        .bind(q.limit)
        .fetch_all(pool)
        .await)
}
