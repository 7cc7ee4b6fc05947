//! Cost centers: codes are parsed and unique, hierarchies have no cycles, and a new code is
//! at once in the search text of the cost center's licenses.

use serde_json::json;
use uuid::Uuid;

use crate::helpers::{assert_problem, count_rows, TestApp};
use crate::on_both_backends;
use crate::purchase_support::*;

async fn codes_are_checked_and_unique_per_account(app: &TestApp) {
    let token = app.login("billing@acme.example").await;
    let before = count_rows(app, "cost_centers").await;
    for bad in ["", "CC 1", "CC/1", &"x".repeat(33)] {
        let problem =
            assert_problem(app.post("/api/v1/cost-centers", &token, &json!({"code": bad, "name": "N"})).await, 422)
                .await;
        assert!(problem["errors"]["code"].is_array(), "{bad}: {problem}");
    }
    let taken =
        assert_problem(app.post("/api/v1/cost-centers", &token, &json!({"code": "cc-100", "name": "Dup"})).await, 409)
            .await;
    assert_eq!(taken["code"], "cost_center_code_taken");
    assert_eq!(count_rows(app, "cost_centers").await, before);
    // Another account may use the same code.
    let globex = app.login("owner@globex.example").await;
    json_of(app.post("/api/v1/cost-centers", &globex, &json!({"code": "CC-100", "name": "Sales"})).await, 201).await;
    // A foreign parent is not found.
    let foreign = other_account_cost_center(app).await;
    let body = json!({"code": "CC-900", "name": "N", "parent_id": foreign});
    assert_problem(app.post("/api/v1/cost-centers", &token, &body).await, 404).await;
}
on_both_backends!(cost_center_codes, codes_are_checked_and_unique_per_account);

async fn search_pages_and_hierarchy(app: &TestApp) {
    let token = app.login("viewer@acme.example").await;
    let page = json_of(app.get("/api/v1/cost-centers?q=engin", &token).await, 200).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["items"][0]["code"], "CC-300");
    let first = json_of(app.get("/api/v1/cost-centers?limit=3", &token).await, 200).await;
    let cursor = first["next_cursor"].as_str().unwrap().to_string();
    let second = json_of(app.get(&format!("/api/v1/cost-centers?limit=3&cursor={cursor}"), &token).await, 200).await;
    assert_eq!(second["items"][0]["code"], "CC-400");
    assert!(second["next_cursor"].is_null());

    let admin = app.login("billing@acme.example").await;
    let cc100 = cost_center_id(app, &admin, "CC-100").await;
    let cc200 = cost_center_id(app, &admin, "CC-200").await;
    json_of(app.patch(&format!("/api/v1/cost-centers/{cc200}"), &admin, &json!({"parent_id": cc100})).await, 200).await;
    let cycle = app.patch(&format!("/api/v1/cost-centers/{cc100}"), &admin, &json!({"parent_id": cc200})).await;
    assert!(assert_problem(cycle, 422).await["errors"]["parent_id"].is_array());
    let own = app.patch(&format!("/api/v1/cost-centers/{cc100}"), &admin, &json!({"parent_id": cc100})).await;
    assert_problem(own, 422).await;
    let cleared =
        json_of(app.patch(&format!("/api/v1/cost-centers/{cc200}"), &admin, &json!({"parent_id": null})).await, 200)
            .await;
    assert!(cleared["parent_id"].is_null());
}
on_both_backends!(cost_center_search_and_parents, search_pages_and_hierarchy);

/// number, search_text, assignee name, email, ext.
type LicenseText = (i64, String, Option<String>, Option<String>, Option<String>);

async fn a_new_code_is_searchable_on_its_licenses(app: &TestApp) {
    let token = app.login("billing@acme.example").await;
    let cc100 = cost_center_id(app, &token, "CC-100").await;
    let updated =
        json_of(app.patch(&format!("/api/v1/cost-centers/{cc100}"), &token, &json!({"code": "SALES-EU"})).await, 200)
            .await;
    assert_eq!(updated["code"], "SALES-EU");
    let id: Uuid = cc100.parse().unwrap();
    let rows: Vec<LicenseText> = seatdesk::on_read!(&app.db, |pool| {
        sqlx::query_as(
            "SELECT l.number, l.search_text, u.name, u.email, u.ext FROM licenses l \
             LEFT JOIN directory_users u ON u.id = l.assignee_id WHERE l.cost_center_id = $1 ORDER BY l.number",
        )
        .bind(id)
        .fetch_all(pool)
        .await
    })
    .unwrap();
    assert_eq!(rows.len(), 3, "demo licenses 1, 5 and 9 are on CC-100");
    for (number, text, name, email, ext) in &rows {
        let assignee = match (name, email, ext) {
            (Some(n), Some(e), Some(x)) => Some((n.as_str(), e.as_str(), x.as_str())),
            _ => None,
        };
        assert_eq!(text, &seatdesk::domain::license::search_text(*number, "SALES-EU", assignee));
    }
    assert!(rows.iter().any(|r| r.2.is_some()), "an assigned license keeps its assignee in the text");
    assert_eq!(scalar_i64(app, "SELECT COUNT(*) FROM audit_events WHERE action = 'cost_center.update'").await, 1);
}
on_both_backends!(cost_center_code_change_updates_license_search, a_new_code_is_searchable_on_its_licenses);
