//! Bad input to cart and checkout gets a problem with field errors and changes nothing.

use serde_json::{json, Value};

use crate::helpers::{assert_problem, count_rows, TestApp};
use crate::on_both_backends;
use crate::purchase_support::*;

async fn bad_quantities_and_unknown_products_are_refused(app: &TestApp) {
    let token = app.login("billing@acme.example").await;
    let product = live_reports_id(app, &token).await;
    let path = format!("/api/v1/cart/items/{product}");
    for bad in [json!(0), json!(-1), json!(10_001), json!("ten"), json!(2.5), Value::Null] {
        let problem = assert_problem(app.put(&path, &token, &json!({ "quantity": bad })).await, 422).await;
        assert!(problem["errors"]["quantity"].is_array(), "{bad}: {problem}");
    }
    let problem = assert_problem(app.put(&path, &token, &json!({"quantity": 1, "color": "red"})).await, 422).await;
    assert!(problem["errors"]["color"].is_array(), "{problem}");
    let unknown = "/api/v1/cart/items/0190f000-0000-7000-8000-000000000000";
    assert_problem(app.put(unknown, &token, &json!({"quantity": 1})).await, 404).await;
    assert_eq!(count_rows(app, "cart_items").await, 0);
    // Empty cart: nothing to check out, a state conflict with its own code.
    let problem = assert_problem(app.post("/api/v1/checkouts", &token, &json!({})).await, 409).await;
    assert_eq!(problem["code"], "cart_empty", "{problem}");
    assert_eq!(count_rows(app, "checkouts").await, 1, "only the demo order's checkout");
    // The limits themselves are fine.
    json_of(app.put(&path, &token, &json!({"quantity": 10_000})).await, 200).await;
    let cart = json_of(app.put(&path, &token, &json!({"quantity": 1})).await, 200).await;
    assert_eq!(cart["items"][0]["quantity"], 1);
    let cart = json_of(app.delete(&path, &token).await, 200).await;
    assert_eq!(cart["items"].as_array().unwrap().len(), 0);
}
on_both_backends!(cart_input_is_checked, bad_quantities_and_unknown_products_are_refused);

async fn bad_splits_and_foreign_cost_centers_change_nothing(app: &TestApp) {
    let token = app.login("billing@acme.example").await;
    let checkout = allocated_checkout(app, &token, 10).await;
    let id = checkout["id"].as_str().unwrap().to_string();
    let line = checkout["lines"][0]["id"].as_str().unwrap().to_string();
    let cc100 = cost_center_id(app, &token, "CC-100").await;
    let cc200 = cost_center_id(app, &token, "CC-200").await;
    let globex = other_account_cost_center(app).await.to_string();
    let split_path = format!("/api/v1/checkouts/{id}/lines/{line}/allocations");
    let split = |a: &str, qa: i64, b: &str, qb: i64| json!({"allocations": [{"cost_center_id": a, "quantity": qa}, {"cost_center_id": b, "quantity": qb}]});

    let problem = assert_problem(app.put(&split_path, &token, &split(&cc100, 4, &cc200, 5)).await, 422).await;
    assert!(problem["errors"]["allocations"].is_array(), "{problem}");
    let problem = assert_problem(app.put(&split_path, &token, &split(&cc100, 0, &cc200, 10)).await, 422).await;
    assert!(problem["errors"]["allocations.0.quantity"].is_array(), "{problem}");
    let problem = assert_problem(app.put(&split_path, &token, &split(&cc100, 5, &cc100, 5)).await, 422).await;
    assert!(problem["errors"]["allocations.1.cost_center_id"].is_array(), "{problem}");
    // Another account's cost center in the body: 404 whose detail names the body field, so it
    // does not read as "no such checkout".
    let problem = assert_problem(app.put(&split_path, &token, &split(&cc100, 5, &globex, 5)).await, 404).await;
    assert!(problem["detail"].as_str().unwrap().contains("cost_center_id"), "{problem}");
    let assign = format!("/api/v1/checkouts/{id}/cost-center-assignments");
    let problem = assert_problem(app.post(&assign, &token, &json!({"cost_center_id": globex})).await, 404).await;
    assert!(problem["detail"].as_str().unwrap().contains("cost_center_id"), "{problem}");
    let problem =
        assert_problem(app.post(&assign, &token, &json!({"cost_center_id": cc200, "line_ids": [cc100]})).await, 422)
            .await;
    assert!(problem["errors"]["line_ids.0"].is_array(), "{problem}");
    let line_path = format!("/api/v1/checkouts/{id}/lines/{line}");
    assert_problem(app.patch(&line_path, &token, &json!({"quantity": 0})).await, 422).await;

    // Still 10 on CC-100, as "Assign to All" left it.
    let after = json_of(app.get(&format!("/api/v1/checkouts/{id}"), &token).await, 200).await;
    assert_eq!(after["lines"][0]["quantity"], 10);
    let allocations = after["lines"][0]["allocations"].as_array().unwrap();
    assert_eq!((allocations.len(), allocations[0]["cost_center_code"].as_str()), (1, Some("CC-100")));
}
on_both_backends!(split_input_is_checked, bad_splits_and_foreign_cost_centers_change_nothing);

async fn checkouts_belong_to_their_caller_and_close(app: &TestApp) {
    let token = app.login("billing@acme.example").await;
    let checkout = allocated_checkout(app, &token, 2).await;
    let id = checkout["id"].as_str().unwrap().to_string();
    let line = checkout["lines"][0]["id"].as_str().unwrap().to_string();
    // Another member, and another account, see no such checkout; viewers may not buy.
    let owner = app.login("owner@acme.example").await;
    assert_problem(app.get(&format!("/api/v1/checkouts/{id}"), &owner).await, 404).await;
    let globex = app.login("owner@globex.example").await;
    assert_problem(app.get(&format!("/api/v1/checkouts/{id}/quote"), &globex).await, 404).await;
    let viewer = app.login("viewer@acme.example").await;
    assert_problem(app.get("/api/v1/cart", &viewer).await, 403).await;
    assert_problem(app.post("/api/v1/checkouts", &viewer, &json!({})).await, 403).await;
    let licenses = app.login("licenses@acme.example").await;
    assert_problem(app.post("/api/v1/cost-centers", &licenses, &json!({"code": "X", "name": "X"})).await, 403).await;

    // 24 hours later the checkout is expired and refuses changes.
    execute(app, "UPDATE checkouts SET expires_at = created_at").await;
    let shown = json_of(app.get(&format!("/api/v1/checkouts/{id}"), &token).await, 200).await;
    assert_eq!(shown["status"], "expired");
    assert_eq!(scalar_i64(app, "SELECT COUNT(*) FROM checkouts WHERE status = 'expired'").await, 1);
    let line_path = format!("/api/v1/checkouts/{id}/lines/{line}");
    let problem = assert_problem(app.patch(&line_path, &token, &json!({"quantity": 3})).await, 409).await;
    assert_eq!(problem["code"], "checkout_expired");
    let body = json!({"acknowledged": true, "expected_total": "30.00"});
    let problem = assert_problem(complete(app, &token, &id, &body, Some("late")).await, 409).await;
    assert_eq!(problem["code"], "checkout_expired");
    assert_eq!(count_rows(app, "orders").await, 1, "only the demo order");
}
on_both_backends!(checkout_access_and_expiry, checkouts_belong_to_their_caller_and_close);
