//! Every failure is problem+json with the right status, never a 500.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{assert_problem, count_rows, TestApp};
use crate::on_both_backends;

async fn malformed_and_unexpected_requests_get_problems(app: &TestApp) {
    let token_url = app.url("/api/v1/auth/token");
    let audit_before = count_rows(app, "audit_events").await;

    let malformed =
        app.client.post(&token_url).header("content-type", "application/json").body("{bad").send().await.unwrap();
    assert_problem(malformed, 400).await;

    let wrong_type = app.client.post(&token_url).header("content-type", "text/plain").body("x").send().await.unwrap();
    assert_problem(wrong_type, 415).await;

    let oversized = "x".repeat(2 * 1024 * 1024);
    let big =
        app.client.post(&token_url).header("content-type", "application/json").body(oversized).send().await.unwrap();
    assert_problem(big, 413).await;

    let unknown_field = json!({"grant_type": "password", "email": "a@b.c", "password": "x", "role": "owner"});
    let body = assert_problem(app.client.post(&token_url).json(&unknown_field).send().await.unwrap(), 422).await;
    assert!(body["errors"]["role"].is_array(), "names the unknown field: {body}");

    assert_problem(app.request(Method::GET, "/api/v1/no-such-thing", None, None).await, 404).await;
    assert_problem(app.request(Method::GET, "/api/nothing-here", None, None).await, 404).await;

    let wrong_method = app.request(Method::DELETE, "/api/v1/me", None, None).await;
    assert_eq!(wrong_method.headers().get("allow").unwrap(), "GET");
    assert_problem(wrong_method, 405).await;

    // None of that changed anything but the audit log of denied attempts.
    assert_eq!(count_rows(app, "audit_events").await, audit_before);
}
on_both_backends!(malformed_requests, malformed_and_unexpected_requests_get_problems);
