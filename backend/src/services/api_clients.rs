//! Partner API clients: created with a secret that is shown once and stored only as its
//! SHA-256, and revoked by setting `revoked_at` (the principal extractor then refuses the
//! client's tokens on their next request).

use uuid::Uuid;

use crate::auth::secrets::{random_token, sha256_hex};
use crate::auth::{Actor, Principal, Scope};
use crate::domain::time::now_utc;
use crate::error::ApiError;
use crate::storage::api_clients::{self, ApiClientRow};
use crate::storage::audit::{self, NewAuditEvent};
use crate::storage::Db;

/// A new client and the only copy of its secret.
pub struct CreatedClient {
    pub client: ApiClientRow,
    pub secret: String,
}

pub async fn create(
    db: &Db,
    principal: &Principal,
    name: &str,
    scopes: &[Scope],
    request_id: &str,
) -> Result<CreatedClient, ApiError> {
    let mut unique: Vec<Scope> = Vec::new();
    for scope in scopes {
        if !unique.contains(scope) {
            unique.push(*scope);
        }
    }
    // Prefixes make leaked credentials recognisable to secret scanners.
    let secret = format!("sds_{}", random_token(32));
    let client = ApiClientRow {
        id: Uuid::now_v7(),
        account_id: principal.account_id,
        client_id: format!("sdc_{}", random_token(12)),
        secret_hash: sha256_hex(&secret),
        name: name.trim().to_string(),
        scopes: unique.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" "),
        created_at: now_utc(),
        revoked_at: None,
    };
    let created_by = match principal.actor {
        Actor::Member { id, .. } => Some(id),
        Actor::ApiClient { .. } => None,
    };
    let mut tx = db.begin().await?;
    api_clients::insert(&mut tx, &client, created_by).await?;
    let event = NewAuditEvent::success(principal, "api_client.create", "api_client", client.id)
        .with_after(serde_json::json!({
            "client_id": client.client_id,
            "name": client.name,
            "scopes": client.scopes,
        }))
        .with_request_id(request_id);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(CreatedClient { client, secret })
}

/// Revokes the client; revoking one already revoked changes nothing and succeeds.
pub async fn revoke(db: &Db, principal: &Principal, id: Uuid, request_id: &str) -> Result<(), ApiError> {
    let mut tx = db.begin().await?;
    let client =
        api_clients::get_in_tx(&mut tx, principal.account_id, id).await?.ok_or(ApiError::NotFound("api client"))?;
    if client.revoked_at.is_some() {
        return Ok(());
    }
    let at = now_utc();
    if api_clients::revoke(&mut tx, principal.account_id, id, at).await? == 0 {
        return Ok(()); // a concurrent revoke got there first and recorded it
    }
    let event = NewAuditEvent::success(principal, "api_client.revoke", "api_client", id)
        .with_before(serde_json::json!({ "client_id": client.client_id, "revoked_at": null }))
        .with_after(serde_json::json!({ "client_id": client.client_id, "revoked_at": at }))
        .with_request_id(request_id);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(())
}
