//! Shared steps of the purchase tests: find demo ids, fill a cart, check out, complete.

use reqwest::Response;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::TestApp;

pub async fn json_of(response: Response, status: u16) -> Value {
    let got = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert_eq!(got, status, "{body}");
    body
}

pub async fn live_reports_id(app: &TestApp, token: &str) -> String {
    let products = json_of(app.get("/api/v1/products", token).await, 200).await;
    let product = products["items"].as_array().unwrap().iter().find(|p| p["sku"] == "LIVE_REPORTS").unwrap();
    product["id"].as_str().unwrap().to_string()
}

/// A cost center's id by code, in the account of the given token.
pub async fn cost_center_id(app: &TestApp, token: &str, code: &str) -> String {
    let page = json_of(app.get(&format!("/api/v1/cost-centers?q={code}"), token).await, 200).await;
    let found =
        page["items"].as_array().unwrap().iter().find(|c| c["code"] == code).unwrap_or_else(|| panic!("{code}"));
    found["id"].as_str().unwrap().to_string()
}

/// Globex's only cost center: an id from another account.
pub async fn other_account_cost_center(app: &TestApp) -> Uuid {
    let sql = "SELECT id FROM cost_centers WHERE code = 'GX-1'";
    seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar::<_, Uuid>(sql).fetch_one(pool).await).unwrap()
}

/// Cart with `quantity` Live Reports, checked out; returns the checkout.
pub async fn checkout_of(app: &TestApp, token: &str, quantity: i64) -> Value {
    let product = live_reports_id(app, token).await;
    json_of(app.put(&format!("/api/v1/cart/items/{product}"), token, &json!({ "quantity": quantity })).await, 200)
        .await;
    json_of(app.post("/api/v1/checkouts", token, &json!({})).await, 201).await
}

/// A checkout of `quantity` licenses, all on CC-100 ("Assign to All").
pub async fn allocated_checkout(app: &TestApp, token: &str, quantity: i64) -> Value {
    let checkout = checkout_of(app, token, quantity).await;
    let cc = cost_center_id(app, token, "CC-100").await;
    let path = format!("/api/v1/checkouts/{}/cost-center-assignments", checkout["id"].as_str().unwrap());
    json_of(app.post(&path, token, &json!({ "cost_center_id": cc })).await, 200).await
}

pub async fn quote_of(app: &TestApp, token: &str, checkout_id: &str) -> Value {
    json_of(app.get(&format!("/api/v1/checkouts/{checkout_id}/quote"), token).await, 200).await
}

pub async fn complete(app: &TestApp, token: &str, checkout_id: &str, body: &Value, key: Option<&str>) -> Response {
    let mut request =
        app.client.post(app.url(&format!("/api/v1/checkouts/{checkout_id}/complete"))).bearer_auth(token).json(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.send().await.expect("request sent")
}

pub async fn scalar_i64(app: &TestApp, sql: &str) -> i64 {
    seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await).unwrap()
}

/// Runs DDL/DML the test needs (fixed SQL, never user input).
pub async fn execute(app: &TestApp, sql: &str) {
    seatdesk::db_execute!(&app.db, sqlx::query(sql)).unwrap();
}
