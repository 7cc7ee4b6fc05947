//! Idempotency keys over time (in use, abandoned, expired) and carts of API clients.

use chrono::{Duration, Utc};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{assert_problem, TestApp};
use crate::on_both_backends;
use crate::purchase_support::*;

/// Puts a key row as an earlier attempt would have left it.
async fn plant_key(app: &TestApp, principal: Uuid, key: &str, hash: &str, status: &str, age: Duration) {
    let account: Uuid =
        seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar("SELECT account_id FROM members WHERE id = $1")
            .bind(principal)
            .fetch_one(pool)
            .await)
        .unwrap();
    let created = Utc::now() - age;
    let (code, body) = if status == "completed" { (Some(201), Some("{\"stale\":true}")) } else { (None, None) };
    let sql = "INSERT INTO idempotency_keys (principal_id, key, account_id, request_hash, status, response_status, \
               response_body, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    seatdesk::db_execute!(
        &app.db,
        sqlx::query(sql)
            .bind(principal)
            .bind(key)
            .bind(account)
            .bind(hash)
            .bind(status)
            .bind(code)
            .bind(body)
            .bind(created)
            .bind(created + Duration::hours(24))
    )
    .unwrap();
}

async fn member_id(app: &TestApp, email: &str) -> Uuid {
    seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar("SELECT id FROM members WHERE email = $1")
        .bind(email)
        .fetch_one(pool)
        .await)
    .unwrap()
}

async fn keys_in_use_abandoned_and_expired(app: &TestApp) {
    let token = app.login("billing@acme.example").await;
    let me = member_id(app, "billing@acme.example").await;
    let checkout = allocated_checkout(app, &token, 4).await;
    let id = checkout["id"].as_str().unwrap().to_string();
    let total = quote_of(app, &token, &id).await["total"].clone();
    let body = json!({"acknowledged": true, "expected_total": total});
    let hash = seatdesk::services::idempotency::request_hash(
        "POST",
        &format!("/api/v1/checkouts/{id}/complete"),
        &serde_json::to_vec(&body).unwrap(),
    );

    // An attempt that started a moment ago is still running: 409, and nothing happens.
    plant_key(app, me, "running", &hash, "in_progress", Duration::seconds(1)).await;
    let problem = assert_problem(complete(app, &token, &id, &body, Some("running")).await, 409).await;
    assert_eq!(problem["code"], "idempotency_key_in_use");
    // A completed key more than 24 h old is gone: the key may be used again.
    plant_key(app, me, "old", &hash, "completed", Duration::hours(25)).await;
    // An attempt older than a minute died without committing: this request takes it over.
    plant_key(app, me, "abandoned", &hash, "in_progress", Duration::seconds(120)).await;
    let order = json_of(complete(app, &token, &id, &body, Some("abandoned")).await, 201).await;
    let replay = complete(app, &token, &id, &body, Some("abandoned")).await;
    assert_eq!(replay.headers().get("idempotent-replayed").unwrap(), "true");
    assert_eq!(replay.json::<Value>().await.unwrap()["id"], order["id"]);
    // The expired key is reusable (here the checkout is already completed, so 409 from the order rule).
    let problem = assert_problem(complete(app, &token, &id, &body, Some("old")).await, 409).await;
    assert_eq!(problem["code"], "checkout_completed");
    // A key is the caller's own: another member using the same key is not replayed this order.
    let owner = app.login("owner@acme.example").await;
    assert_problem(complete(app, &owner, &id, &body, Some("abandoned")).await, 404).await;
    assert_eq!(scalar_i64(app, "SELECT COUNT(*) FROM orders WHERE number > 1").await, 1);
}
on_both_backends!(idempotency_keys_over_time, keys_in_use_abandoned_and_expired);

async fn add_api_client(app: &TestApp, client_id: &str, scopes: &str) -> String {
    let account: Uuid =
        seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar("SELECT id FROM accounts WHERE name = 'Acme Corp'")
            .fetch_one(pool)
            .await)
        .unwrap();
    let secret = format!("{client_id}-secret");
    let sql = "INSERT INTO api_clients (id, account_id, client_id, secret_hash, name, scopes, created_at) \
               VALUES ($1, $2, $3, $4, $5, $6, $7)";
    seatdesk::db_execute!(
        &app.db,
        sqlx::query(sql)
            .bind(Uuid::now_v7())
            .bind(account)
            .bind(client_id)
            .bind(seatdesk::auth::secrets::sha256_hex(&secret))
            .bind(client_id)
            .bind(scopes)
            .bind(Utc::now())
    )
    .unwrap();
    let response = app
        .client
        .post(app.url("/api/v1/auth/token"))
        .json(&json!({"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}))
        .send()
        .await
        .unwrap();
    json_of(response, 200).await["access_token"].as_str().unwrap().to_string()
}

async fn an_api_client_with_billing_write_buys_with_its_own_cart(app: &TestApp) {
    let partner = add_api_client(app, "reseller", "billing:write").await;
    let member = app.login("billing@acme.example").await;
    let product = live_reports_id(app, &member).await;
    json_of(app.put(&format!("/api/v1/cart/items/{product}"), &member, &json!({"quantity": 3})).await, 200).await;
    let cart = json_of(app.get("/api/v1/cart", &partner).await, 200).await;
    assert_eq!(cart["items"].as_array().unwrap().len(), 0, "carts are per caller");
    let checkout = allocated_checkout(app, &partner, 5).await;
    let id = checkout["id"].as_str().unwrap().to_string();
    let total = quote_of(app, &partner, &id).await["total"].clone();
    let body = json!({"acknowledged": true, "expected_total": total});
    let order = json_of(complete(app, &partner, &id, &body, Some("partner-1")).await, 201).await;
    assert_eq!(order["license_count"], 5);
    let cart = json_of(app.get("/api/v1/cart", &member).await, 200).await;
    assert_eq!(cart["items"][0]["quantity"], 3, "the member's cart is untouched");

    let reader = add_api_client(app, "reporting", "billing:read").await;
    json_of(app.get("/api/v1/orders", &reader).await, 200).await;
    json_of(app.get("/api/v1/cost-centers", &reader).await, 200).await;
    assert_problem(app.put(&format!("/api/v1/cart/items/{product}"), &reader, &json!({"quantity": 1})).await, 403)
        .await;
}
on_both_backends!(api_clients_buy_through_their_own_cart, an_api_client_with_billing_write_buys_with_its_own_cart);
