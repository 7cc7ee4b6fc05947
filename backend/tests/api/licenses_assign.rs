//! Assign, unassign, move and next-free-seat through the API, with their rules and audit events.

use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{assert_problem, TestApp};
use crate::license_fixtures as fx;
use crate::on_both_backends;

async fn license_by_number(app: &TestApp, token: &str, number: &str) -> Value {
    let page: Value = app.get(&format!("/api/v1/licenses?q={number}"), token).await.json().await.unwrap();
    page["items"].as_array().unwrap().iter().find(|l| l["number"] == number).cloned().expect("license listed")
}

async fn assign_unassign_and_assign_again(app: &TestApp) {
    let token = app.login("licenses@acme.example").await;
    let acme = fx::account(app, "Acme Corp").await;
    let users = fx::users(app, acme).await;
    // The demo assigns LR-000001..7 to users 0, 3, 6, …; user 1 holds nothing, LR-000008 is free.
    let free = license_by_number(app, &token, "LR-000008").await;
    assert!(free["assignee"].is_null());
    let id = free["id"].as_str().unwrap().to_string();
    let user = &users[1];

    let response = app.post(&format!("/api/v1/licenses/{id}/assign"), &token, &json!({"user_id": user.id})).await;
    assert_eq!(response.status(), 200);
    let assigned: Value = response.json().await.unwrap();
    assert_eq!(assigned["assignee"]["id"], user.id.to_string());
    assert_eq!(assigned["assignee"]["ext"], user.ext);
    assert!(assigned["assigned_at"].is_string());
    assert_eq!(fx::audit_count(app, "license.assign", Uuid::parse_str(&id).unwrap()).await, 1);
    // Searchable by the new holder's name.
    let found: Value =
        app.get(&format!("/api/v1/licenses?q={}", user.email.to_uppercase()), &token).await.json().await.unwrap();
    assert_eq!(found["items"][0]["id"], id.as_str());

    // Taken: another user cannot get it; the holder cannot get a second one.
    let other = &users[2];
    let body = assert_problem(
        app.post(&format!("/api/v1/licenses/{id}/assign"), &token, &json!({"user_id": other.id})).await,
        409,
    )
    .await;
    assert_eq!(body["code"], "license_already_assigned");
    let free9 = license_by_number(app, &token, "LR-000009").await;
    let id9 = free9["id"].as_str().unwrap();
    let body = assert_problem(
        app.post(&format!("/api/v1/licenses/{id9}/assign"), &token, &json!({"user_id": user.id})).await,
        409,
    )
    .await;
    assert_eq!(body["code"], "user_already_licensed");

    // Unassign: back to the pool, not deleted; a second unassign is a conflict.
    let response = app.post(&format!("/api/v1/licenses/{id}/unassign"), &token, &json!({})).await;
    assert_eq!(response.status(), 200);
    let unassigned: Value = response.json().await.unwrap();
    assert!(unassigned["assignee"].is_null() && unassigned["assigned_at"].is_null());
    let listed = license_by_number(app, &token, "LR-000008").await;
    assert!(listed["assignee"].is_null());
    let body =
        assert_problem(app.post(&format!("/api/v1/licenses/{id}/unassign"), &token, &json!({})).await, 409).await;
    assert_eq!(body["code"], "license_not_assigned");
    assert_eq!(fx::audit_count(app, "license.unassign", Uuid::parse_str(&id).unwrap()).await, 1);

    // And it can be assigned again, to someone else.
    let response = app.post(&format!("/api/v1/licenses/{id}/assign"), &token, &json!({"user_id": other.id})).await;
    assert_eq!(response.status(), 200);
    assert_eq!(fx::audit_count(app, "license.assign", Uuid::parse_str(&id).unwrap()).await, 2);
}
on_both_backends!(assign_unassign_and_assign_again_work_and_are_audited, assign_unassign_and_assign_again);

async fn bad_assignments_change_nothing(app: &TestApp) {
    let token = app.login("licenses@acme.example").await;
    let acme = fx::account(app, "Acme Corp").await;
    let globex = fx::account(app, "Globex Inc").await;
    let users = fx::users(app, acme).await;
    let free = license_by_number(app, &token, "LR-000010").await;
    let id = free["id"].as_str().unwrap();
    let globex_license = fx::free_licenses(app, globex).await[0];
    let globex_user = fx::users(app, globex).await[0].id;
    let audit_before = crate::helpers::count_rows(app, "audit_events").await;

    let assign = |license: String, user: Uuid| {
        let token = token.clone();
        async move { app.post(&format!("/api/v1/licenses/{license}/assign"), &token, &json!({"user_id": user})).await }
    };
    assert_problem(assign(globex_license.to_string(), users[1].id).await, 404).await;
    assert_problem(assign(Uuid::now_v7().to_string(), users[1].id).await, 404).await;
    assert_problem(assign(id.to_string(), globex_user).await, 404).await;
    assert_problem(assign(id.to_string(), Uuid::now_v7()).await, 404).await;
    fx::disable_user(app, users[4].id).await;
    assert_problem(assign(id.to_string(), users[4].id).await, 422).await;
    let bad_body = app.post(&format!("/api/v1/licenses/{id}/assign"), &token, &json!({"user": users[1].id})).await;
    assert_problem(bad_body, 422).await;

    let viewer = app.login("viewer@acme.example").await;
    let denied = app.post(&format!("/api/v1/licenses/{id}/assign"), &viewer, &json!({"user_id": users[1].id})).await;
    assert_problem(denied, 403).await;
    assert_eq!(app.get("/api/v1/licenses", &viewer).await.status(), 200);
    let globex_owner = app.login("owner@globex.example").await;
    assert_problem(app.get(&format!("/api/v1/licenses/{id}"), &globex_owner).await, 404).await;

    let after = license_by_number(app, &token, "LR-000010").await;
    assert!(after["assignee"].is_null());
    // Only the denied attempt (403) is in the audit log.
    let denied_events = crate::helpers::count_rows(app, "audit_events").await - audit_before;
    assert_eq!(denied_events, 1);
}
on_both_backends!(bad_assignments_are_refused_and_change_nothing, bad_assignments_change_nothing);

async fn move_and_next_free(app: &TestApp) {
    let token = app.login("licenses@acme.example").await;
    let acme = fx::account(app, "Acme Corp").await;
    let users = fx::users(app, acme).await;
    let ccs = fx::cost_centers(app, acme).await;
    let license = license_by_number(app, &token, "LR-000001").await;
    let id = license["id"].as_str().unwrap();
    let target = ccs.iter().find(|c| c.code != license["cost_center"]["code"]).unwrap();

    let response = app.patch(&format!("/api/v1/licenses/{id}"), &token, &json!({"cost_center_id": target.id})).await;
    assert_eq!(response.status(), 200);
    let moved: Value = response.json().await.unwrap();
    assert_eq!(moved["cost_center"]["code"], target.code);
    assert_eq!(moved["assignee"], license["assignee"]);
    let by_code: Value = app
        .get(&format!("/api/v1/licenses?q={}&cost_center={}", target.code.to_lowercase(), target.id), &token)
        .await
        .json()
        .await
        .unwrap();
    assert!(by_code["items"].as_array().unwrap().iter().any(|l| l["id"] == id));
    assert_eq!(fx::audit_count(app, "license.move", Uuid::parse_str(id).unwrap()).await, 1);
    assert_problem(
        app.patch(&format!("/api/v1/licenses/{id}"), &token, &json!({"cost_center_id": Uuid::now_v7()})).await,
        404,
    )
    .await;

    // Next free seat: the oldest free license (LR-000008), then LR-000009, …
    let response = app
        .post("/api/v1/license-assignments", &token, &json!({"user_id": users[1].id, "product": "LIVE_REPORTS"}))
        .await;
    assert_eq!(response.status(), 201);
    let got: Value = response.json().await.unwrap();
    assert_eq!(got["number"], "LR-000008");
    let again = app
        .post("/api/v1/license-assignments", &token, &json!({"user_id": users[1].id, "product": "LIVE_REPORTS"}))
        .await;
    assert_eq!(assert_problem(again, 409).await["code"], "user_already_licensed");
    for (i, user) in users[2..].iter().enumerate().filter(|(i, _)| i % 3 != 1).take(4) {
        let r = app
            .post("/api/v1/license-assignments", &token, &json!({"user_id": user.id, "product": "LIVE_REPORTS"}))
            .await;
        assert_eq!(r.status(), 201, "user {i}");
    }
    let empty = app
        .post("/api/v1/license-assignments", &token, &json!({"user_id": users[39].id, "product": "LIVE_REPORTS"}))
        .await;
    assert_eq!(assert_problem(empty, 409).await["code"], "no_free_license");
    let unknown =
        app.post("/api/v1/license-assignments", &token, &json!({"user_id": users[39].id, "product": "NOPE"})).await;
    assert_problem(unknown, 404).await;
}
on_both_backends!(moving_a_license_and_taking_the_next_free_seat, move_and_next_free);
