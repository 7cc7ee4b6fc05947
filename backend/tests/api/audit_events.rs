//! `GET /audit-events`: filters, keyset paging, permissions and account isolation.

use std::collections::HashSet;

use serde_json::{json, Value};

use crate::helpers::{assert_problem, TestApp};
use crate::license_fixtures as fx;
use crate::on_both_backends;

async fn audit_trail_reads(app: &TestApp) {
    let admin = app.login("licenses@acme.example").await;
    let acme = fx::account(app, "Acme Corp").await;
    let users = fx::users(app, acme).await;
    let free = fx::free_licenses(app, acme).await;
    let since = chrono::Utc::now() - chrono::Duration::seconds(1);
    for (i, license) in free.iter().enumerate() {
        let r = app
            .post(&format!("/api/v1/licenses/{license}/assign"), &admin, &json!({"user_id": users[1 + 3 * i].id}))
            .await;
        assert_eq!(r.status(), 200);
    }
    let r = app.post(&format!("/api/v1/licenses/{}/unassign", free[0]), &admin, &json!({})).await;
    assert_eq!(r.status(), 200);

    let owner = app.login("owner@acme.example").await;
    // All license events, two per page, newest first, each exactly once.
    let mut seen = Vec::new();
    let mut path = "/api/v1/audit-events?action=license.&limit=2".to_string();
    loop {
        let page: Value = app.get(&path, &owner).await.json().await.unwrap();
        seen.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/audit-events?action=license.&limit=2&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), free.len() + 1);
    assert_eq!(seen[0]["action"], "license.unassign");
    assert_eq!(seen.iter().map(|e| e["id"].as_str().unwrap()).collect::<HashSet<_>>().len(), seen.len());
    let times: Vec<&str> = seen.iter().map(|e| e["occurred_at"].as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert_eq!(seen[0]["actor"]["label"], "licenses@acme.example");
    assert_eq!(seen[0]["before"]["assignee_id"], users[1].id.to_string());

    let by_object: Value =
        app.get(&format!("/api/v1/audit-events?object={}", free[0]), &owner).await.json().await.unwrap();
    assert_eq!(by_object["items"].as_array().unwrap().len(), 2);
    let exact: Value = app.get("/api/v1/audit-events?action=license.assign", &owner).await.json().await.unwrap();
    assert_eq!(exact["items"].as_array().unwrap().len(), free.len());
    let by_actor: Value =
        app.get("/api/v1/audit-events?actor=licenses@acme.example", &owner).await.json().await.unwrap();
    assert_eq!(by_actor["items"].as_array().unwrap().len(), free.len() + 1);
    let since_q = since.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let recent: Value = app
        .get(&format!("/api/v1/audit-events?action=license.&since={}", urlencode(&since_q)), &owner)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(recent["items"].as_array().unwrap().len(), free.len() + 1);
    let old: Value =
        app.get("/api/v1/audit-events?action=license.&until=2000-01-01T00:00:00Z", &owner).await.json().await.unwrap();
    assert!(old["items"].as_array().unwrap().is_empty());
    let backwards = format!("/api/v1/audit-events?since={}&until=2000-01-01T00:00:00Z", urlencode(&since_q));
    // A backwards range is a well-formed request for an empty window: no events.
    let none: Value = app.get(&backwards, &owner).await.json().await.unwrap();
    assert_eq!(none["items"], serde_json::json!([]));

    // Only owners and audit:read clients; only their own account.
    assert_problem(app.get("/api/v1/audit-events", &admin).await, 403).await;
    let globex = app.login("owner@globex.example").await;
    let theirs: Value = app.get("/api/v1/audit-events?action=license.", &globex).await.json().await.unwrap();
    assert!(theirs["items"].as_array().unwrap().is_empty());
    assert_problem(app.get("/api/v1/audit-events?since=yesterday", &owner).await, 422).await;
}
on_both_backends!(the_audit_trail_filters_pages_and_stays_in_the_account, audit_trail_reads);

fn urlencode(s: &str) -> String {
    s.replace(':', "%3A").replace('+', "%2B")
}
