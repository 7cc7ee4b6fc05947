//! Sign-in is rate limited per identity and per client IP: 429 problem+json with Retry-After.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{assert_problem, count_rows, Backend, TestApp, DEMO_PASSWORD};

fn password_grant(email: &str, password: &str) -> serde_json::Value {
    json!({"grant_type": "password", "email": email, "password": password})
}

async fn sign_in(app: &TestApp, body: &serde_json::Value) -> reqwest::Response {
    app.request(Method::POST, "/api/v1/auth/token", None, Some(body)).await
}

async fn assert_throttled(response: reqwest::Response) {
    let retry_after: u64 = response
        .headers()
        .get("retry-after")
        .expect("Retry-After is set")
        .to_str()
        .unwrap()
        .parse()
        .expect("Retry-After is whole seconds");
    assert!((1..=60).contains(&retry_after), "Retry-After {retry_after}");
    assert_problem(response, 429).await;
}

async fn one_email_gets_its_limit_then_429(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, &|s| {
        s.sign_in_attempts_per_identity = 3;
        s.sign_in_attempts_per_ip = 1000;
    })
    .await
    else {
        return;
    };
    let audited_before = count_rows(&app, "audit_events").await;
    for _ in 0..3 {
        assert_problem(sign_in(&app, &password_grant("owner@acme.example", "guess")).await, 401).await;
    }
    assert_eq!(count_rows(&app, "audit_events").await, audited_before + 3, "each failed attempt is audited");
    // The limit counts the identity however it is written, and even the right password waits.
    assert_throttled(sign_in(&app, &password_grant(" OWNER@acme.example", DEMO_PASSWORD)).await).await;
    let throttled: Vec<String> = seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar::<_, String>(
        "SELECT actor_label FROM audit_events WHERE action = 'auth.rate_limited' AND outcome = 'denied'"
    )
    .fetch_all(pool)
    .await)
    .unwrap();
    assert_eq!(throttled, vec![" OWNER@acme.example".to_string()], "the throttled attempt is audited too");
    // Other people are not locked out by someone guessing the owner's password.
    assert_eq!(sign_in(&app, &password_grant("billing@acme.example", DEMO_PASSWORD)).await.status(), 200);

    // The same holds for API clients, keyed by client_id.
    let grant = json!({"grant_type": "client_credentials", "client_id": "sdc_unknown", "client_secret": "x"});
    for _ in 0..3 {
        assert_problem(sign_in(&app, &grant).await, 401).await;
    }
    assert_throttled(sign_in(&app, &grant).await).await;
    app.cleanup().await;
}

async fn one_address_gets_its_limit_then_429(backend: Backend) {
    let Some(app) = TestApp::spawn_with(backend, &|s| {
        s.sign_in_attempts_per_identity = 1000;
        s.sign_in_attempts_per_ip = 4;
    })
    .await
    else {
        return;
    };
    for n in 0..4 {
        let body = password_grant(&format!("nobody{n}@acme.example"), "guess");
        assert_problem(sign_in(&app, &body).await, 401).await;
    }
    // A fifth attempt from the same IP, for any account, is refused before its password is checked.
    assert_throttled(sign_in(&app, &password_grant("owner@acme.example", DEMO_PASSWORD)).await).await;
    app.cleanup().await;
}

async fn the_default_limits_are_ten_per_identity_and_thirty_per_ip(backend: Backend) {
    let defaults = seatdesk::config::Settings::default();
    assert_eq!((defaults.sign_in_attempts_per_identity, defaults.sign_in_attempts_per_ip), (10, 30));
    let Some(app) = TestApp::spawn_with(backend, &|s| {
        s.sign_in_attempts_per_identity = defaults.sign_in_attempts_per_identity;
        s.sign_in_attempts_per_ip = defaults.sign_in_attempts_per_ip;
    })
    .await
    else {
        return;
    };
    for _ in 0..10 {
        assert_problem(sign_in(&app, &password_grant("viewer@acme.example", "guess")).await, 401).await;
    }
    assert_throttled(sign_in(&app, &password_grant("viewer@acme.example", "guess")).await).await;
    app.cleanup().await;
}

mod per_identity {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::one_email_gets_its_limit_then_429(super::Backend::Sqlite).await;
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::one_email_gets_its_limit_then_429(super::Backend::Postgres).await;
    }
}

mod per_ip {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::one_address_gets_its_limit_then_429(super::Backend::Sqlite).await;
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::one_address_gets_its_limit_then_429(super::Backend::Postgres).await;
    }
}

mod defaults {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::the_default_limits_are_ten_per_identity_and_thirty_per_ip(super::Backend::Sqlite).await;
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::the_default_limits_are_ten_per_identity_and_thirty_per_ip(super::Backend::Postgres).await;
    }
}
