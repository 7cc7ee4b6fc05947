//! Partner API clients: the secret is shown once and kept only as a hash, scopes are checked,
//! and revoking cuts off the client's existing token at once.

use reqwest::Method;
use seatdesk::auth::secrets::sha256_hex;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, count_rows, TestApp};
use crate::on_both_backends;

async fn audit_actions_for(app: &TestApp, object_id: &str) -> Vec<String> {
    let sql = "SELECT action FROM audit_events WHERE object_id = $1 AND outcome = 'success' ORDER BY occurred_at";
    seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar::<_, String>(sql).bind(object_id).fetch_all(pool).await)
        .unwrap()
}

async fn a_client_is_created_listed_and_revoked(app: &TestApp) {
    let owner = app.login("owner@acme.example").await;
    let body = json!({"name": "Reseller sync", "scopes": ["licenses:write", "licenses:read", "licenses:write"]});
    let response = app.post("/api/v1/api-clients", &owner, &body).await;
    assert_eq!(response.status(), 201);
    assert_eq!(response.headers().get("cache-control").unwrap(), "no-store");
    let created: Value = response.json().await.unwrap();
    let (id, client_id, secret) = (
        created["id"].as_str().unwrap().to_string(),
        created["client_id"].as_str().unwrap().to_string(),
        created["client_secret"].as_str().unwrap().to_string(),
    );
    assert_eq!(created["scopes"], json!(["licenses:write", "licenses:read"]), "duplicates dropped");
    assert!(created["revoked_at"].is_null());

    // Only the hash is stored, and the list never shows the secret.
    let stored: String = seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar::<_, String>(
        "SELECT secret_hash FROM api_clients WHERE client_id = $1"
    )
    .bind(&client_id)
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(stored, sha256_hex(&secret));
    let listed = app.get("/api/v1/api-clients", &owner).await.text().await.unwrap();
    assert!(listed.contains(&client_id) && !listed.contains(&secret) && !listed.contains(&stored));
    let listed: Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed["items"][0]["name"], "Reseller sync");
    assert!(listed["items"][0].get("client_secret").is_none());

    let grant = json!({"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret});
    let token: Value = app.request(Method::POST, "/api/v1/auth/token", None, Some(&grant)).await.json().await.unwrap();
    let token = token["access_token"].as_str().unwrap().to_string();
    assert_eq!(app.get("/api/v1/me", &token).await.status(), 200);

    assert_eq!(app.delete(&format!("/api/v1/api-clients/{id}"), &owner).await.status(), 204);
    // The token it already holds stops working at once, and it cannot sign in again.
    assert_problem(app.get("/api/v1/me", &token).await, 401).await;
    assert_problem(app.request(Method::POST, "/api/v1/auth/token", None, Some(&grant)).await, 401).await;
    let listed: Value = app.get("/api/v1/api-clients", &owner).await.json().await.unwrap();
    assert!(listed["items"][0]["revoked_at"].is_string());

    // Revoking again is harmless and is not audited twice.
    assert_eq!(app.delete(&format!("/api/v1/api-clients/{id}"), &owner).await.status(), 204);
    assert_eq!(audit_actions_for(app, &id).await, vec!["api_client.create", "api_client.revoke"]);
}
on_both_backends!(lifecycle, a_client_is_created_listed_and_revoked);

async fn bad_requests_change_nothing(app: &TestApp) {
    let owner = app.login("owner@acme.example").await;
    let before = (count_rows(app, "api_clients").await, count_rows(app, "audit_events").await);
    let cases = [
        (json!({"name": "x", "scopes": ["licenses:read", "licenses:admin"]}), "scopes"),
        (json!({"name": "x", "scopes": []}), "scopes"),
        (json!({"name": "  ", "scopes": ["audit:read"]}), "name"),
        (json!({"name": "x", "scopes": ["audit:read"], "secret": "mine"}), "secret"),
        (json!({"scopes": ["audit:read"]}), "name"),
    ];
    for (body, field) in cases {
        let problem = assert_problem(app.post("/api/v1/api-clients", &owner, &body).await, 422).await;
        let fields: Vec<&String> = problem["errors"].as_object().unwrap().keys().collect();
        assert!(fields.iter().any(|f| f.starts_with(field)), "{body} names {field}: {problem}");
    }
    assert_eq!((count_rows(app, "api_clients").await, count_rows(app, "audit_events").await), before);

    let missing = format!("/api/v1/api-clients/{}", uuid::Uuid::now_v7());
    assert_problem(app.delete(&missing, &owner).await, 404).await;
    assert_problem(app.delete("/api/v1/api-clients/not-a-uuid", &owner).await, 404).await;
}
on_both_backends!(validation, bad_requests_change_nothing);

async fn paging_lists_every_client_once(app: &TestApp) {
    let owner = app.login("owner@acme.example").await;
    let mut created = Vec::new();
    for n in 0..5 {
        let body = json!({"name": format!("client {n}"), "scopes": ["audit:read"]});
        let c: Value = app.post("/api/v1/api-clients", &owner, &body).await.json().await.unwrap();
        created.push(c["id"].as_str().unwrap().to_string());
    }
    let (mut seen, mut cursor) = (Vec::new(), None::<String>);
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/api-clients?limit=2&cursor={c}"),
            None => "/api/v1/api-clients?limit=2".to_string(),
        };
        let page: Value = app.get(&path, &owner).await.json().await.unwrap();
        seen.extend(page["items"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()));
        assert!(seen.len() <= 100, "paging does not terminate");
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    created.reverse();
    assert_eq!(seen, created, "newest first, each exactly once");
}
on_both_backends!(paging, paging_lists_every_client_once);
