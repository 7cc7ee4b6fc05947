//! How long placing a 10,000-license order takes (ignored by default; run in release):
//! `TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres cargo test --release --test api purchase_perf -- --ignored --nocapture`
//!
//! Measured 2026-11-28 on the shared 2-core machine under load average ~9–11 (other release
//! builds running), three runs: SQLite 974 / 1089 / 845 ms, PostgreSQL 1062 / 1055 / 859 ms
//! (the POST /complete round trip; most of it is index upkeep: FTS5 trigram on SQLite, GIN
//! trigram on PostgreSQL, plus five b-tree indexes on licenses).

use std::time::Instant;

use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::purchase_support::*;

async fn time_a_10000_license_order(app: &TestApp) {
    let token = app.login("billing@acme.example").await;
    let checkout = allocated_checkout(app, &token, 10_000).await;
    let id = checkout["id"].as_str().unwrap().to_string();
    let total = quote_of(app, &token, &id).await["total"].clone();
    let body = json!({"acknowledged": true, "expected_total": total});
    let started = Instant::now();
    let order = json_of(complete(app, &token, &id, &body, Some("perf")).await, 201).await;
    let elapsed = started.elapsed();
    assert_eq!(order["license_count"], 10_000);
    eprintln!("{:?}: placing a 10,000-license order took {} ms", app.backend, elapsed.as_millis());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement; run with --release --ignored"]
async fn sqlite_10000_license_order() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    time_a_10000_license_order(&app).await;
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement; run with --release --ignored"]
async fn postgres_10000_license_order() {
    let Some(app) = TestApp::spawn_postgres().await else { return };
    time_a_10000_license_order(&app).await;
    app.cleanup().await;
}
