//! The user directory: adding and changing people, uniqueness, filters and keyset paging,
//! and what a change does to the licenses a person holds.

use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{assert_problem, count_rows, TestApp};
use crate::on_both_backends;

/// Every user matching `query`, walking the pages `limit` at a time.
async fn all_pages(app: &TestApp, token: &str, query: &str, limit: u32) -> Vec<Value> {
    let (mut items, mut cursor) = (Vec::new(), None::<String>);
    loop {
        let mut path = format!("/api/v1/users?limit={limit}{query}");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let response = app.get(&path, token).await;
        assert_eq!(response.status(), 200, "{path}");
        let page: Value = response.json().await.unwrap();
        items.extend(page["items"].as_array().unwrap().iter().cloned());
        // A cursor that does not advance would loop for ever: fail instead.
        assert!(items.len() <= 1000, "paging does not terminate: {path}");
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => return items,
        }
    }
}

/// Which of all users a filtered query must return.
type Keep = Box<dyn Fn(&Value) -> bool>;

fn ids(users: &[Value]) -> Vec<String> {
    users.iter().map(|u| u["id"].as_str().unwrap().to_string()).collect()
}

async fn search_text_of(app: &TestApp, license_id: &str) -> String {
    let id = Uuid::parse_str(license_id).unwrap();
    seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar::<_, String>(
        "SELECT search_text FROM licenses WHERE id = $1"
    )
    .bind(id)
    .fetch_one(pool)
    .await)
    .unwrap()
}

async fn actions_with_request_id(app: &TestApp, request_id: &str) -> Vec<(String, String)> {
    let sql = "SELECT action, object_id FROM audit_events WHERE request_id = $1 ORDER BY action";
    seatdesk::on_read!(&app.db, |pool| sqlx::query_as::<_, (String, String)>(sql)
        .bind(request_id)
        .fetch_all(pool)
        .await)
    .unwrap()
}

async fn filters_and_paging_return_every_match_exactly_once(app: &TestApp) {
    let token = app.login("viewer@acme.example").await;
    let everyone = all_pages(app, &token, "", 200).await;
    assert_eq!(everyone.len(), 40);
    let mut sorted = everyone.clone();
    sorted.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    assert_eq!(ids(&everyone), ids(&sorted), "ordered by name");

    let contains = |u: &Value, q: &str| {
        ["name", "email", "ext"].iter().any(|f| u[*f].as_str().unwrap().to_lowercase().contains(q))
    };
    let cases: Vec<(&str, Keep)> = vec![
        ("", Box::new(|_| true)),
        ("&q=AVA", Box::new(move |u| contains(u, "ava"))),
        ("&q=12", Box::new(move |u| contains(u, "12"))),
        ("&q=son%40acme", Box::new(move |u| contains(u, "son@acme"))),
        ("&q=%25", Box::new(|_| false)),
        ("&q=_", Box::new(|_| false)),
        ("&kind=agent", Box::new(|u| u["kind"] == "agent")),
        ("&kind=manager&has_license=true", Box::new(|u| u["kind"] == "manager" && u["licenses"] != json!([]))),
        ("&has_license=true", Box::new(|u| u["licenses"] != json!([]))),
        ("&has_license=false", Box::new(|u| u["licenses"] == json!([]))),
        ("&status=disabled", Box::new(|u| u["status"] == "disabled")),
        ("&status=active&q=e", Box::new(move |u| u["status"] == "active" && contains(u, "e"))),
    ];
    for (query, keep) in cases {
        let expected: Vec<Value> = everyone.iter().filter(|u| keep(u)).cloned().collect();
        for limit in [1, 3, 50] {
            let got = all_pages(app, &token, query, limit).await;
            assert_eq!(ids(&got), ids(&expected), "{query} with limit {limit}");
        }
    }
    let licensed = everyone.iter().filter(|u| u["licenses"] != json!([])).count();
    assert_eq!(licensed, 7, "the demo has 7 assigned licenses");
    let held = &everyone.iter().find(|u| u["licenses"] != json!([])).unwrap()["licenses"][0];
    assert!(held["number"].as_str().unwrap().starts_with("LR-0000"));
    assert_eq!(held["product_sku"], "LIVE_REPORTS");

    for bad in ["kind=boss", "status=gone", "has_license=maybe", "limit=0", "limit=201", "limit=", "kind=", "x=1"] {
        assert_problem(app.get(&format!("/api/v1/users?{bad}"), &token).await, 422).await;
    }
    // A cursor the API never returned names no page.
    assert_problem(app.get("/api/v1/users?cursor=garbage", &token).await, 404).await;
}
on_both_backends!(filters_and_paging, filters_and_paging_return_every_match_exactly_once);

async fn users_are_created_and_uniqueness_is_enforced(app: &TestApp) {
    let owner = app.login("owner@acme.example").await;
    let body = json!({"name": " Grace Hopper ", "email": "grace@acme.example", "ext": "141", "kind": "manager"});
    let response = app.post("/api/v1/users", &owner, &body).await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.unwrap();
    assert_eq!(
        (&created["name"], &created["status"], &created["licenses"]),
        (&json!("Grace Hopper"), &json!("active"), &json!([]))
    );
    let path = format!("/api/v1/users/{}", created["id"].as_str().unwrap());
    let fetched: Value = app.get(&path, &owner).await.json().await.unwrap();
    assert_eq!(fetched, created);

    let before = (count_rows(app, "directory_users").await, count_rows(app, "audit_events").await);
    let taken_ext = json!({"name": "X", "email": "x@acme.example", "ext": "141", "kind": "user"});
    let problem = assert_problem(app.post("/api/v1/users", &owner, &taken_ext).await, 409).await;
    assert_eq!(problem["code"], "ext_taken");
    let taken_email = json!({"name": "X", "email": "GRACE@Acme.example", "ext": "142", "kind": "user"});
    let problem = assert_problem(app.post("/api/v1/users", &owner, &taken_email).await, 409).await;
    assert_eq!(problem["code"], "email_taken");
    let problem = assert_problem(app.patch(&path, &owner, &json!({"ext": "101"})).await, 409).await;
    assert_eq!(problem["code"], "ext_taken");
    let problem =
        assert_problem(app.patch(&path, &owner, &json!({"email": "ava.thompson@acme.example"})).await, 409).await;
    assert_eq!(problem["code"], "email_taken");

    let invalid = [
        (json!({"name": "X", "email": "not-an-email", "ext": "150", "kind": "user"}), "email"),
        (json!({"name": "X", "email": "x@acme.example", "ext": "15a", "kind": "user"}), "ext"),
        (json!({"name": "", "email": "x@acme.example", "ext": "150", "kind": "user"}), "name"),
        (json!({"name": "X", "email": "x@acme.example", "ext": "150", "kind": "boss"}), "kind"),
        (json!({"name": "X", "email": "x@acme.example", "ext": "150", "kind": "user", "status": "active"}), "status"),
        (json!({"name": "X", "email": "x@acme.example", "kind": "user"}), "ext"),
    ];
    for (body, field) in invalid {
        let problem = assert_problem(app.post("/api/v1/users", &owner, &body).await, 422).await;
        assert!(problem["errors"].get(field).is_some(), "{body}: {problem}");
    }
    let problem = assert_problem(app.patch(&path, &owner, &json!({"status": "gone"})).await, 422).await;
    assert!(problem["errors"].get("status").is_some());
    let problem = assert_problem(app.patch(&path, &owner, &json!({"ext": ""})).await, 422).await;
    assert!(problem["errors"].get("ext").is_some());
    assert_eq!((count_rows(app, "directory_users").await, count_rows(app, "audit_events").await), before);
    assert_eq!(app.get(&path, &owner).await.json::<Value>().await.unwrap(), created, "unchanged");

    let missing = format!("/api/v1/users/{}", Uuid::now_v7());
    assert_problem(app.get(&missing, &owner).await, 404).await;
    assert_problem(app.patch(&missing, &owner, &json!({"name": "Nobody"})).await, 404).await;
}
on_both_backends!(create_and_unique, users_are_created_and_uniqueness_is_enforced);

async fn disabling_a_user_releases_their_license_with_audit(app: &TestApp) {
    let owner = app.login("owner@acme.example").await;
    let licensed = all_pages(app, &owner, "&has_license=true", 50).await;
    let user = &licensed[0];
    let license_id = user["licenses"][0]["id"].as_str().unwrap().to_string();
    let free_before = count_free_licenses(app).await;

    let path = format!("/api/v1/users/{}", user["id"].as_str().unwrap());
    let response = app.patch(&path, &owner, &json!({"status": "disabled"})).await;
    assert_eq!(response.status(), 200);
    let request_id = response.headers().get("x-request-id").unwrap().to_str().unwrap().to_string();
    let disabled: Value = response.json().await.unwrap();
    assert_eq!((&disabled["status"], &disabled["licenses"]), (&json!("disabled"), &json!([])));

    assert_eq!(count_free_licenses(app).await, free_before + 1, "the license is back in the pool");
    let name = user["name"].as_str().unwrap().to_lowercase();
    assert!(!search_text_of(app, &license_id).await.contains(&name), "no longer found by the old holder");
    let user_id = user["id"].as_str().unwrap().to_string();
    assert_eq!(
        actions_with_request_id(app, &request_id).await,
        vec![("license.release".to_string(), license_id.clone()), ("user.disable".to_string(), user_id)]
    );
    let after: Value = app.get(&path, &owner).await.json().await.unwrap();
    assert_eq!(after["licenses"], json!([]));

    // Enabling again does not give the license back; it is audited as user.enable.
    let response = app.patch(&path, &owner, &json!({"status": "active"})).await;
    let request_id = response.headers().get("x-request-id").unwrap().to_str().unwrap().to_string();
    assert_eq!(response.json::<Value>().await.unwrap()["licenses"], json!([]));
    assert_eq!(actions_with_request_id(app, &request_id).await[0].0, "user.enable");
}
on_both_backends!(disable_releases, disabling_a_user_releases_their_license_with_audit);

async fn count_free_licenses(app: &TestApp) -> i64 {
    seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM licenses WHERE assignee_id IS NULL"
    )
    .fetch_one(pool)
    .await)
    .unwrap()
}

async fn renaming_a_licensed_user_updates_the_license_search_text(app: &TestApp) {
    let owner = app.login("owner@acme.example").await;
    let user = all_pages(app, &owner, "&has_license=true", 50).await.remove(0);
    let license_id = user["licenses"][0]["id"].as_str().unwrap().to_string();
    let old_name = user["name"].as_str().unwrap().to_lowercase();
    assert!(search_text_of(app, &license_id).await.contains(&old_name));

    let path = format!("/api/v1/users/{}", user["id"].as_str().unwrap());
    let change = json!({"name": "Zelda Quartermaine", "email": "Zelda.Q@acme.example", "ext": "777"});
    let response = app.patch(&path, &owner, &change).await;
    assert_eq!(response.status(), 200);
    let request_id = response.headers().get("x-request-id").unwrap().to_str().unwrap().to_string();
    let text = search_text_of(app, &license_id).await;
    assert!(text.contains("zelda quartermaine") && text.contains("zelda.q@acme.example") && text.contains(" 777"));
    assert!(!text.contains(&old_name) && !text.contains(user["email"].as_str().unwrap()));

    // One audit event with before and after.
    let (before, after): (String, String) = seatdesk::on_read!(&app.db, |pool| sqlx::query_as::<_, (String, String)>(
        "SELECT CAST(before AS TEXT), CAST(after AS TEXT) FROM audit_events WHERE request_id = $1 AND action = 'user.update'"
    )
    .bind(&request_id)
    .fetch_one(pool)
    .await)
    .unwrap();
    assert!(before.contains(user["name"].as_str().unwrap()) && after.contains("Zelda Quartermaine"));

    // The directory search finds the new name, and a no-op change writes nothing.
    let found = all_pages(app, &owner, "&q=quarter", 50).await;
    assert_eq!(ids(&found), vec![user["id"].as_str().unwrap().to_string()]);
    let events = count_rows(app, "audit_events").await;
    assert_eq!(app.patch(&path, &owner, &json!({"ext": "777"})).await.status(), 200);
    assert_eq!(count_rows(app, "audit_events").await, events);
}
on_both_backends!(rename_updates_search, renaming_a_licensed_user_updates_the_license_search_text);
