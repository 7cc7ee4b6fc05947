//! Bulk changes, the usage summary, the CSV export and entitlement checks.

use chrono::Utc;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{assert_problem, TestApp};
use crate::license_fixtures as fx;
use crate::on_both_backends;

async fn bulk_items_succeed_or_fail_alone(app: &TestApp) {
    let token = app.login("licenses@acme.example").await;
    let acme = fx::account(app, "Acme Corp").await;
    let users = fx::users(app, acme).await;
    let free = fx::free_licenses(app, acme).await;
    let page: Value = app.get("/api/v1/licenses?status=assigned&sort=number", &token).await.json().await.unwrap();
    let held = page["items"][0]["id"].as_str().unwrap().to_string();
    let audit_before = crate::helpers::count_rows(app, "audit_events").await;

    let body = json!({"items": [
        {"action": "assign", "license_id": free[0], "user_id": users[1].id},
        {"action": "assign", "license_id": free[1], "user_id": users[1].id},
        {"action": "assign", "license_id": free[2], "user_id": users[2].id},
        {"action": "unassign", "license_id": held},
        {"action": "unassign", "license_id": free[3]},
        {"action": "assign", "license_id": Uuid::now_v7(), "user_id": users[4].id},
        {"action": "assign", "license_id": free[4]},
    ]});
    let response = app.post("/api/v1/licenses/bulk", &token, &body).await;
    assert_eq!(response.status(), 200);
    let result: Value = response.json().await.unwrap();
    assert_eq!((result["succeeded"].as_u64(), result["failed"].as_u64()), (Some(3), Some(4)));
    let codes: Vec<Value> = result["results"].as_array().unwrap().iter().map(|r| r["code"].clone()).collect();
    assert_eq!(
        codes,
        vec![
            Value::Null,
            json!("user_already_licensed"),
            Value::Null,
            Value::Null,
            json!("license_not_assigned"),
            json!("not_found"),
            json!("validation_error")
        ]
    );
    let statuses: Vec<u64> =
        result["results"].as_array().unwrap().iter().map(|r| r["status"].as_u64().unwrap()).collect();
    assert_eq!(statuses, vec![200, 409, 200, 200, 409, 404, 422]);
    assert!(result["results"][3]["license"]["assignee"].is_null());
    // One audit event per applied item, nothing for the failed ones.
    assert_eq!(crate::helpers::count_rows(app, "audit_events").await - audit_before, 3);

    let too_many: Vec<Value> = (0..1001).map(|_| json!({"action": "unassign", "license_id": free[0]})).collect();
    assert_problem(app.post("/api/v1/licenses/bulk", &token, &json!({"items": too_many})).await, 422).await;
    assert_problem(app.post("/api/v1/licenses/bulk", &token, &json!({"items": []})).await, 422).await;
    let viewer = app.login("viewer@acme.example").await;
    assert_problem(app.post("/api/v1/licenses/bulk", &viewer, &body).await, 403).await;
}
on_both_backends!(bulk_items_succeed_or_fail_on_their_own, bulk_items_succeed_or_fail_alone);

async fn summary_counts_seats(app: &TestApp) {
    let token = app.login("viewer@acme.example").await;
    let summary: Value = app.get("/api/v1/licenses/summary", &token).await.json().await.unwrap();
    assert_eq!(summary["total"], json!({"purchased": 12, "assigned": 7, "available": 5}));
    assert_eq!(summary["by_product"][0]["sku"], "LIVE_REPORTS");
    assert_eq!(summary["by_product"][0]["available"], 5);
    let ccs = summary["by_cost_center"].as_array().unwrap();
    assert_eq!(
        ccs.iter().map(|c| c["code"].as_str().unwrap()).collect::<Vec<_>>(),
        ["CC-100", "CC-200", "CC-300", "CC-400"]
    );
    assert_eq!(ccs.iter().map(|c| c["purchased"].as_i64().unwrap()).sum::<i64>(), 12);
    assert_eq!(ccs.iter().map(|c| c["assigned"].as_i64().unwrap()).sum::<i64>(), 7);
    // CC-100 holds LR-1, 5, 9: two assigned, one free.
    assert_eq!(
        (ccs[0]["purchased"].as_i64(), ccs[0]["assigned"].as_i64(), ccs[0]["available"].as_i64()),
        (Some(3), Some(2), Some(1))
    );
    let globex = app.login("owner@globex.example").await;
    let theirs: Value = app.get("/api/v1/licenses/summary", &globex).await.json().await.unwrap();
    assert_eq!(theirs["total"]["purchased"], 3);
}
on_both_backends!(the_summary_counts_purchased_assigned_and_available_seats, summary_counts_seats);

async fn export_is_filtered_streamed_and_excel_safe(app: &TestApp) {
    let acme = fx::account(app, "Acme Corp").await;
    let product = fx::product(app).await;
    let cc = fx::cost_centers(app, acme).await.remove(0);
    let sneaky = fx::insert_user(app, acme, "=HYPERLINK(\"http://x\")", "eve@acme.example", "999").await;
    let mut number = fx::next_number(app, acme).await;
    fx::insert_license(app, acme, number, product, &cc, Utc::now(), Some(&sneaky), None).await;
    // Enough rows for several export chunks.
    for _ in 0..2100 {
        number += 1;
        fx::insert_license(app, acme, number, product, &cc, Utc::now(), None, None).await;
    }
    let token = app.login("viewer@acme.example").await;
    // Over 1,000 matches: the count stops at its cap and says so; without with_total, no count.
    let counted: Value = app.get("/api/v1/licenses?with_total=true", &token).await.json().await.unwrap();
    assert_eq!((counted["total"].as_i64(), counted["total_is_lower_bound"].as_bool()), (Some(1000), Some(true)));
    let uncounted: Value = app.get("/api/v1/licenses", &token).await.json().await.unwrap();
    assert!(uncounted["total"].is_null() && uncounted["next_cursor"].is_string());
    let response = app.get(&format!("/api/v1/licenses/export?cost_center={}&sort=number", cc.id), &token).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(response.headers()["content-disposition"].to_str().unwrap().contains("attachment; filename="));
    let body = response.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "number");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3 + 2101, "the 3 demo licenses of CC-100 and the new ones");
    assert!(rows.iter().all(|r| &r[5] == "CC-100"));
    let numbers: Vec<&str> = rows.iter().map(|r| r.get(0).unwrap()).collect();
    let mut sorted = numbers.clone();
    sorted.sort();
    assert_eq!(numbers, sorted, "in the requested order");
    let evil = rows.iter().find(|r| &r[3] == "eve@acme.example").unwrap();
    assert_eq!(&evil[2], "'=HYPERLINK(\"http://x\")");

    let filtered = app.get("/api/v1/licenses/export?status=unassigned&q=lr-00001", &token).await.text().await.unwrap();
    // LR-000010..19 match; LR-000013 (the new one held by "=HYPERLINK…") is assigned.
    assert_eq!(filtered.lines().count(), 1 + 9, "header + the 9 free ones");
    assert_problem(app.get("/api/v1/licenses/export?sort=bogus", &token).await, 422).await;
}
on_both_backends!(the_csv_export_is_filtered_streamed_and_excel_safe, export_is_filtered_streamed_and_excel_safe);

async fn entitlements_record_use(app: &TestApp) {
    let token = app.login("licenses@acme.example").await;
    let acme = fx::account(app, "Acme Corp").await;
    let users = fx::users(app, acme).await;
    let holder = &users[0];
    let response = app.get(&format!("/api/v1/users/{}/entitlements", holder.id), &token).await;
    assert_eq!(response.status(), 200);
    let ent: Value = response.json().await.unwrap();
    assert_eq!(ent["live_reports"], true);
    assert_eq!(ent["entitlements"][0]["license_number"], "LR-000001");
    let license = ent["entitlements"][0]["license_id"].as_str().unwrap();
    let row: Value = app.get(&format!("/api/v1/licenses/{license}"), &token).await.json().await.unwrap();
    assert_eq!(row["last_used_at"], ent["checked_at"]);

    // Unused seats: the 6 other assigned licenses were never checked.
    let today = Utc::now().date_naive();
    let unused: Value = app
        .get(&format!("/api/v1/licenses?status=assigned&unused_since={today}&with_total=true"), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(unused["total"], 6);
    let tomorrow = today.succ_opt().unwrap();
    let unused: Value = app
        .get(&format!("/api/v1/licenses?status=assigned&unused_since={tomorrow}&with_total=true"), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(unused["total"], 7);
    let by_use: Value =
        app.get("/api/v1/licenses?status=assigned&sort=-last_used_at&limit=1", &token).await.json().await.unwrap();
    assert_eq!(by_use["items"][0]["id"], license);

    let free_user = &users[1];
    let none: Value =
        app.get(&format!("/api/v1/users/{}/entitlements", free_user.id), &token).await.json().await.unwrap();
    assert_eq!(none["live_reports"], false);
    assert!(none["entitlements"].as_array().unwrap().is_empty());
    assert_problem(app.get(&format!("/api/v1/users/{}/entitlements", Uuid::now_v7()), &token).await, 404).await;
    let globex = app.login("owner@globex.example").await;
    assert_problem(app.get(&format!("/api/v1/users/{}/entitlements", holder.id), &globex).await, 404).await;
}
on_both_backends!(entitlement_checks_answer_and_record_use, entitlements_record_use);
