//! Sign-in and the bearer token, end to end.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{assert_problem, count_rows, TestApp};
use crate::on_both_backends;

async fn a_member_signs_in_and_sees_who_they_are(app: &TestApp) {
    let token = app.login("billing@acme.example").await;
    let me: serde_json::Value = app.get("/api/v1/me", &token).await.json().await.unwrap();
    assert_eq!(me["kind"], "member");
    assert_eq!(me["role"], "billing_admin");
    assert_eq!(me["account"]["name"], "Acme Corp");
    let permissions: Vec<&str> = me["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert!(permissions.contains(&"billing:write"));
    assert!(!permissions.contains(&"api_clients:manage"));
}
on_both_backends!(member_sign_in, a_member_signs_in_and_sees_who_they_are);

async fn wrong_credentials_and_bad_tokens_are_401_and_audited(app: &TestApp) {
    let before = count_rows(app, "audit_events").await;
    let wrong_password = json!({"grant_type": "password", "email": "owner@acme.example", "password": "nope"});
    let unknown_email = json!({"grant_type": "password", "email": "nobody@acme.example", "password": "nope"});
    let a =
        assert_problem(app.request(Method::POST, "/api/v1/auth/token", None, Some(&wrong_password)).await, 401).await;
    let b =
        assert_problem(app.request(Method::POST, "/api/v1/auth/token", None, Some(&unknown_email)).await, 401).await;
    assert_eq!(a["detail"], b["detail"], "a wrong email and a wrong password look the same");

    assert_problem(app.request(Method::GET, "/api/v1/me", Some("not-a-jwt"), None).await, 401).await;
    assert_problem(app.request(Method::GET, "/api/v1/me", None, None).await, 401).await;
    assert_eq!(count_rows(app, "audit_events").await, before + 4, "each denied attempt is audited");
}
on_both_backends!(denied_sign_in, wrong_credentials_and_bad_tokens_are_401_and_audited);
