//! Middleware: every 401, 403 and 429 becomes one `denied` audit event, with the request id,
//! whoever was recognised (if anyone), and the route that was refused.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage};
use tracing_actix_web::RequestId;

use super::Principal;
use crate::startup::AppState;
use crate::storage::audit::{record_alone, ActorRef, NewAuditEvent};

pub async fn record_denied_attempts(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let method = req.method().to_string();
    let path = req.path().to_string();
    let response = next.call(req).await?;
    let status = response.status().as_u16();
    if !matches!(status, 401 | 403 | 429) {
        return Ok(response);
    }
    let request = response.request();
    let Some(state) = request.app_data::<web::Data<AppState>>() else { return Ok(response) };
    let principal = request.extensions().get::<Principal>().cloned();
    let attempted_as = request.extensions().get::<AttemptedAs>().map(|a| a.0.clone());
    let request_id = request.extensions().get::<RequestId>().map(|id| id.to_string()).unwrap_or_default();
    let actor = match (&principal, attempted_as) {
        (Some(p), _) => ActorRef::of(p),
        (None, Some(label)) => ActorRef::anonymous(label),
        (None, None) => ActorRef::anonymous(""),
    };
    let event = NewAuditEvent {
        account_id: principal.as_ref().map(|p| p.account_id),
        actor,
        action: match status {
            401 => "auth.unauthenticated".into(),
            403 => "auth.forbidden".into(),
            _ => "auth.rate_limited".into(),
        },
        object_type: "route".into(),
        object_id: format!("{method} {path}"),
        before: None,
        after: None,
        outcome: "denied",
        request_id,
        occurred_at: crate::domain::time::now_utc(),
    };
    if let Err(err) = record_alone(&state.db, &event).await {
        tracing::error!(error = %err, "could not record a denied attempt in the audit log");
    }
    Ok(response)
}

/// Put in the request's extensions by sign-in, so a failed sign-in is logged with the
/// email or client id it tried.
#[derive(Clone)]
pub struct AttemptedAs(pub String);
