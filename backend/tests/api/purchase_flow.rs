//! The article's "Purchasing Live Reports licenses", steps 1–14, through the API.

use chrono::Utc;
use rust_decimal::Decimal;
use seatdesk::domain::proration::{quote, RowInput};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{assert_problem, TestApp};
use crate::on_both_backends;
use crate::purchase_support::*;

async fn buying_30_licenses_split_over_two_cost_centers(app: &TestApp) {
    let token = app.login("billing@acme.example").await;
    // Steps 4–6: the Live Reports tile, the plus sign, Add to Cart.
    let product = live_reports_id(app, &token).await;
    let cart =
        json_of(app.put(&format!("/api/v1/cart/items/{product}"), &token, &json!({"quantity": 25})).await, 200).await;
    assert_eq!(cart["items"][0]["quantity"], 25);
    assert_eq!(cart["items"][0]["unit_price"], "15.00");
    assert_eq!(cart["monthly_total"], "375.00");

    // Steps 7–8: Check Out, then change the quantity on Review Items.
    let checkout = json_of(app.post("/api/v1/checkouts", &token, &json!({})).await, 201).await;
    let id = checkout["id"].as_str().unwrap().to_string();
    let line = checkout["lines"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(checkout["status"], "open");
    assert_eq!(checkout["fully_allocated"], false);
    let checkout = json_of(
        app.patch(&format!("/api/v1/checkouts/{id}/lines/{line}"), &token, &json!({"quantity": 30})).await,
        200,
    )
    .await;
    assert_eq!(checkout["lines"][0]["quantity"], 30);

    // Step 9: "New" cost center inline; step 12: Split 18 / 12.
    let created = json_of(
        app.post("/api/v1/cost-centers", &token, &json!({"code": "CC-500", "name": "Customer Success"})).await,
        201,
    )
    .await;
    let cc500 = created["id"].as_str().unwrap().to_string();
    let cc100 = cost_center_id(app, &token, "CC-100").await;
    let split =
        json!({"allocations": [{"cost_center_id": cc100, "quantity": 18}, {"cost_center_id": cc500, "quantity": 12}]});
    let checkout =
        json_of(app.put(&format!("/api/v1/checkouts/{id}/lines/{line}/allocations"), &token, &split).await, 200).await;
    assert_eq!(checkout["fully_allocated"], true);
    assert_eq!(checkout["lines"][0]["allocated_quantity"], 30);

    // Step 13: Review Order, priced exactly as the pure module prices today's purchase.
    let q = quote_of(app, &token, &id).await;
    let expected = quote(
        &[
            RowInput { quantity: 18, unit_price: Decimal::new(15, 0) },
            RowInput { quantity: 12, unit_price: Decimal::new(15, 0) },
        ],
        Utc::now().date_naive(),
        1,
        "0.0825".parse().unwrap(),
    );
    let rows = q["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0]["cost_center_code"].as_str(), rows[0]["quantity"].as_i64()), (Some("CC-100"), Some(18)));
    assert_eq!((rows[1]["cost_center_code"].as_str(), rows[1]["quantity"].as_i64()), (Some("CC-500"), Some(12)));
    assert_eq!(rows[0]["monthly_amount"], "270.00");
    assert_eq!(rows[0]["prorated_amount"], expected.rows[0].prorated.to_string());
    assert_eq!(rows[1]["prorated_amount"], expected.rows[1].prorated.to_string());
    assert_eq!(q["subtotal"], expected.subtotal.to_string());
    assert_eq!(q["tax"], expected.tax.to_string());
    assert_eq!(q["total"], expected.total.to_string());
    assert_eq!(q["recurring_monthly"], "450.00");
    assert_eq!(q["currency"], "USD");
    assert_eq!(q["next_billing_date"], expected.proration.cycle.next.to_string());

    // Step 13–14: acknowledge and complete; View Statement.
    let body = json!({"acknowledged": true, "expected_total": q["total"]});
    let order = json_of(complete(app, &token, &id, &body, Some("article-walk-1")).await, 201).await;
    assert_eq!(order["number"], 2, "the demo data holds order 1");
    assert_eq!(order["license_count"], 30);
    assert_eq!(order["total"], q["total"]);
    let order_id = order["id"].as_str().unwrap().to_string();
    let statement = json_of(app.get(&format!("/api/v1/orders/{order_id}/statement"), &token).await, 200).await;
    assert_eq!(statement["account_name"], "Acme Corp");
    assert_eq!(statement["billing_address"][0], "Acme Corp");
    assert_eq!(statement["order_number"], 2);
    assert_eq!(statement["total"], q["total"]);
    assert_eq!(statement["next_billing_date"], q["next_billing_date"]);
    let groups: Vec<(Value, Value)> = statement["cost_centers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["cost_center_code"].clone(), g["quantity"].clone()))
        .collect();
    assert_eq!(groups, vec![(json!("CC-100"), json!(18)), (json!("CC-500"), json!(12))]);
    assert_eq!(
        (statement["first_license_number"].as_str(), statement["last_license_number"].as_str()),
        (Some("LR-000013"), Some("LR-000042"))
    );

    // 30 new, unassigned licenses on the right cost centers, searchable by number and code.
    let order_uuid: Uuid = order_id.parse().unwrap();
    let rows: Vec<(i64, String, Option<Uuid>, String)> = seatdesk::on_read!(&app.db, |pool| sqlx::query_as(
        "SELECT l.number, cc.code, l.assignee_id, l.search_text FROM licenses l \
         JOIN cost_centers cc ON cc.id = l.cost_center_id WHERE l.order_id = $1 ORDER BY l.number"
    )
    .bind(order_uuid)
    .fetch_all(pool)
    .await)
    .unwrap();
    assert_eq!(rows.len(), 30);
    assert!(rows.iter().all(|r| r.2.is_none()));
    assert_eq!(rows.iter().filter(|r| r.1 == "CC-100").count(), 18);
    assert_eq!(rows.iter().filter(|r| r.1 == "CC-500").count(), 12);
    assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), (13..=42).collect::<Vec<_>>());
    assert_eq!(rows[0].3, "lr-000013 cc-100");

    // The cart is empty, the checkout is closed, the order is listed and the billing details
    // show the next billing date and the new recurring charge.
    let cart = json_of(app.get("/api/v1/cart", &token).await, 200).await;
    assert_eq!(cart["items"].as_array().unwrap().len(), 0);
    let checkout = json_of(app.get(&format!("/api/v1/checkouts/{id}"), &token).await, 200).await;
    assert_eq!(
        (checkout["status"].as_str(), checkout["order_id"].as_str()),
        (Some("completed"), Some(order_id.as_str()))
    );
    let viewer = app.login("viewer@acme.example").await;
    let orders = json_of(app.get("/api/v1/orders", &viewer).await, 200).await;
    assert_eq!(orders["items"][0]["id"], order_id.as_str());
    assert_eq!(orders["items"][1]["number"], 1, "the demo order, older");
    let billing = json_of(app.get("/api/v1/billing/details", &viewer).await, 200).await;
    assert_eq!(billing["next_billing_date"], q["next_billing_date"]);
    assert_eq!(billing["total_licenses"], 42);
    assert_eq!(billing["recurring_monthly"], "630.00");
    let cc500_row = billing["cost_centers"].as_array().unwrap().iter().find(|c| c["code"] == "CC-500").unwrap().clone();
    assert_eq!((cc500_row["licenses"].as_i64(), cc500_row["monthly_amount"].as_str()), (Some(12), Some("180.00")));
    assert_eq!(scalar_i64(app, "SELECT COUNT(*) FROM audit_events WHERE action = 'order.place'").await, 1);
}
on_both_backends!(buying_licenses_walks_the_article, buying_30_licenses_split_over_two_cost_centers);

async fn a_single_allocation_follows_the_line_and_a_split_is_cleared(app: &TestApp) {
    let token = app.login("owner@acme.example").await;
    let checkout = allocated_checkout(app, &token, 10).await;
    let id = checkout["id"].as_str().unwrap().to_string();
    let line = checkout["lines"][0]["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/checkouts/{id}/lines/{line}");
    let after = json_of(app.patch(&path, &token, &json!({"quantity": 12})).await, 200).await;
    assert_eq!(after["lines"][0]["allocations"][0]["quantity"], 12);
    assert_eq!(after["fully_allocated"], true);

    let cc200 = cost_center_id(app, &token, "CC-200").await;
    let cc100 = cost_center_id(app, &token, "CC-100").await;
    let split =
        json!({"allocations": [{"cost_center_id": cc100, "quantity": 5}, {"cost_center_id": cc200, "quantity": 7}]});
    json_of(app.put(&format!("{path}/allocations"), &token, &split).await, 200).await;
    let after = json_of(app.patch(&path, &token, &json!({"quantity": 13})).await, 200).await;
    assert_eq!(after["lines"][0]["allocations"].as_array().unwrap().len(), 0);
    assert_eq!(after["fully_allocated"], false);
    // The quote then shows the unallocated licenses without a cost center.
    let q = quote_of(app, &token, &id).await;
    assert_eq!(q["rows"][0]["cost_center_id"], Value::Null);
    assert_eq!(q["fully_allocated"], false);
}
on_both_backends!(
    changing_a_quantity_keeps_or_clears_allocations,
    a_single_allocation_follows_the_line_and_a_split_is_cleared
);

async fn the_demo_licenses_came_from_a_real_order(app: &TestApp) {
    let token = app.login("viewer@acme.example").await;
    let orders = json_of(app.get("/api/v1/orders", &token).await, 200).await;
    let items = orders["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!((items[0]["number"].as_i64(), items[0]["license_count"].as_i64()), (Some(1), Some(12)));
    let id = items[0]["id"].as_str().unwrap();
    let statement = json_of(app.get(&format!("/api/v1/orders/{id}/statement"), &token).await, 200).await;
    assert_eq!(statement["total"], items[0]["total"]);
    assert_eq!(statement["cost_centers"].as_array().unwrap().len(), 4);
    assert_eq!(statement["first_license_number"], "LR-000001");
    assert_eq!(statement["recurring_monthly"], "180.00");
    let licenses = scalar_i64(app, "SELECT COUNT(*) FROM licenses WHERE order_id IS NOT NULL").await;
    let assigned =
        scalar_i64(app, "SELECT COUNT(*) FROM licenses WHERE order_id IS NOT NULL AND assignee_id IS NOT NULL").await;
    assert_eq!((licenses, assigned), (12, 7));
    let globex = app.login("owner@globex.example").await;
    let theirs = json_of(app.get("/api/v1/orders", &globex).await, 200).await;
    assert_eq!(theirs["items"].as_array().unwrap().len(), 0);
    assert_problem(app.get(&format!("/api/v1/orders/{id}"), &globex).await, 404).await;
    assert_problem(app.get(&format!("/api/v1/orders/{id}/statement"), &globex).await, 404).await;
}
on_both_backends!(demo_data_has_an_order, the_demo_licenses_came_from_a_real_order);
