//! SIGKILL of the real `seatdesk` process while it places a 10,000-license order, then a restart
//! over the same database: the order is whole or absent (never half), and a retry with the same
//! `Idempotency-Key` places it exactly once.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chrono::Utc;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::DEMO_PASSWORD;

struct Server {
    child: Child,
    url: String,
}

fn start(database_url: &str, dir: &std::path::Path) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(env!("CARGO_BIN_EXE_seatdesk"))
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("HOST", "127.0.0.1")
        .env("PORT", port.to_string())
        .env("SEED_DEMO", "1")
        .env("JWT_SECRET", "crash-test-secret")
        .env("DATA_DIR", dir)
        .env("STATIC_DIR", dir.join("no-spa"))
        .env("LOG_LEVEL", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the seatdesk binary starts");
    Server { child, url: format!("http://127.0.0.1:{port}") }
}

async fn wait_ready(client: &reqwest::Client, server: &Server) {
    for _ in 0..600 {
        if client.get(format!("{}/readyz", server.url)).send().await.is_ok_and(|r| r.status() == 200) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not become ready");
}

async fn call(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    token: &str,
    body: Option<Value>,
) -> Value {
    let mut request = client.request(method, &url).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    assert!(response.status().is_success(), "{url}: {}", response.status());
    response.json().await.unwrap()
}

async fn counts(db: &seatdesk::storage::Db) -> (i64, i64, i64) {
    let one = |sql: &'static str| async move {
        seatdesk::on_read!(db, |pool| sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await).unwrap()
    };
    (
        one("SELECT COUNT(*) FROM orders").await,
        one("SELECT COUNT(*) FROM statements").await,
        one("SELECT COUNT(*) FROM licenses").await,
    )
}

async fn a_killed_order_is_whole_or_absent_and_a_retry_places_it_once(database_url: String, dir: &std::path::Path) {
    let client = reqwest::Client::new();
    let mut server = start(&database_url, dir);
    wait_ready(&client, &server).await;
    let login = json!({"grant_type": "password", "email": "owner@acme.example", "password": DEMO_PASSWORD});
    let token: Value = client
        .post(format!("{}/api/v1/auth/token", server.url))
        .json(&login)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = token["access_token"].as_str().unwrap().to_string();
    let api = |server: &Server, path: &str| format!("{}/api/v1{path}", server.url);

    let products = call(&client, reqwest::Method::GET, api(&server, "/products"), &token, None).await;
    let product = products["items"][0]["id"].as_str().unwrap().to_string();
    let centers = call(&client, reqwest::Method::GET, api(&server, "/cost-centers"), &token, None).await;
    let center = centers["items"][0]["id"].as_str().unwrap().to_string();
    call(
        &client,
        reqwest::Method::PUT,
        api(&server, &format!("/cart/items/{product}")),
        &token,
        Some(json!({"quantity": 10_000})),
    )
    .await;
    let checkout = call(&client, reqwest::Method::POST, api(&server, "/checkouts"), &token, None).await;
    let id = checkout["id"].as_str().unwrap().to_string();
    let assign = api(&server, &format!("/checkouts/{id}/cost-center-assignments"));
    call(&client, reqwest::Method::POST, assign, &token, Some(json!({"cost_center_id": center}))).await;
    let quote =
        call(&client, reqwest::Method::GET, api(&server, &format!("/checkouts/{id}/quote")), &token, None).await;
    let body = json!({"acknowledged": true, "expected_total": quote["total"]});
    let key = format!("crash-{}", Uuid::new_v4());

    let db = seatdesk::storage::connect(&database_url, 2).await.unwrap();
    let before = counts(&db).await;
    let complete_url = api(&server, &format!("/checkouts/{id}/complete"));
    let in_flight = tokio::spawn({
        let (client, token, key, body) = (client.clone(), token.clone(), key.clone(), body.clone());
        async move { client.post(complete_url).bearer_auth(token).header("Idempotency-Key", key).json(&body).send().await }
    });
    // Not a timing assertion: only the moment of the kill. Either outcome must be consistent.
    tokio::time::sleep(Duration::from_millis(150)).await;
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    let _ = in_flight.await;

    let after_kill = counts(&db).await;
    let placed = after_kill.0 - before.0;
    eprintln!("killed mid-order: {placed} order(s) committed before the kill");
    assert!(placed == 0 || placed == 1, "at most one order: {after_kill:?}");
    assert_eq!(after_kill.1 - before.1, placed, "a statement exactly with the order");
    assert_eq!(after_kill.2 - before.2, placed * 10_000, "all 10,000 licenses or none");

    let server = start(&database_url, dir);
    wait_ready(&client, &server).await;
    let complete_url = api(&server, &format!("/checkouts/{id}/complete"));
    let retry = || client.post(&complete_url).bearer_auth(&token).header("Idempotency-Key", &key).json(&body).send();
    if placed == 0 {
        // The dead attempt's key is `in_progress` until it is stale (a minute): age it as time would.
        let first = retry().await.unwrap();
        assert_eq!(first.status(), 409, "the dead attempt still holds the key");
        let sql = "UPDATE idempotency_keys SET created_at = $1 WHERE key = $2";
        let old = Utc::now() - chrono::Duration::minutes(10);
        seatdesk::on_write!(&db, |pool| sqlx::query(sql).bind(old).bind(&key).execute(pool).await.map(|_| ())).unwrap();
    }
    let response = retry().await.unwrap();
    assert!(response.status().is_success(), "the retry completes: {}", response.status());
    let again = retry().await.unwrap();
    assert!(again.status().is_success());
    assert_eq!(again.headers().get("idempotent-replayed").map(|v| v.to_str().unwrap()), Some("true"));
    let end = counts(&db).await;
    assert_eq!((end.0 - before.0, end.1 - before.1, end.2 - before.2), (1, 1, 10_000), "placed exactly once");

    let mut server = server;
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    db.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_survives_a_kill_during_a_10000_license_order() {
    let dir = std::env::temp_dir().join(format!("seatdesk-crash-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/seatdesk.db", dir.display());
    a_killed_order_is_whole_or_absent_and_a_retry_places_it_once(url, &dir).await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_survives_a_kill_during_a_10000_license_order() {
    let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!("SKIPPED on PostgreSQL: TEST_DATABASE_URL is not set");
        return;
    };
    let name = format!("seatdesk_crash_{}", Uuid::new_v4().simple());
    let admin = sqlx::PgPool::connect(&admin_url).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.unwrap();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    let dir = std::env::temp_dir().join(format!("seatdesk-crash-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    a_killed_order_is_whole_or_absent_and_a_retry_places_it_once(format!("{base}/{name}"), &dir).await;
    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&admin).await;
    let _ = std::fs::remove_dir_all(&dir);
}
