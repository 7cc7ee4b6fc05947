//! The abuse of `abuse.rs`, aimed at the licenses, directory and purchase endpoints: hostile
//! query parameters on the lists, smuggled body fields on the mutations. Refused → 4xx
//! problem+json and nothing changed; accepted → a 2xx whose answer is sane. Never a 5xx.

use reqwest::{Method, Response};
use serde_json::{json, Value};

use crate::abuse::{assert_refused, fingerprint, hostile_strings};
use crate::helpers::{assert_problem, TestApp};
use crate::on_both_backends;

/// 2xx with a JSON page, or a 4xx problem; returns the page when there is one.
async fn page_or_refused(response: Response, what: &str) -> Option<Value> {
    let status = response.status().as_u16();
    assert!(status < 500, "{what}: {status}");
    if status < 300 {
        let page: Value = response.json().await.unwrap();
        assert!(page["items"].is_array(), "{what}: {page}");
        return Some(page);
    }
    assert_problem(response, status).await;
    None
}

/// Percent-encodes everything but the unreserved characters.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn hostile_list_parameters_never_break_the_lists(app: &TestApp) {
    let token = app.login("owner@acme.example").await;
    let before = fingerprint(app).await;
    for list in ["/api/v1/licenses", "/api/v1/users", "/api/v1/cost-centers", "/api/v1/orders", "/api/v1/audit-events"]
    {
        for limit in ["0", "-1", "201", "1000000", "99999999999999999999", "abc", "1.5", ""] {
            let path = format!("{list}?limit={limit}");
            let response = app.get(&path, &token).await;
            if limit.is_empty() {
                page_or_refused(response, &path).await;
            } else {
                assert_eq!(assert_refused(response, &path).await, 422, "{path}");
            }
        }
        let page = page_or_refused(app.get(&format!("{list}?limit=200"), &token).await, list).await.unwrap();
        assert!(page["items"].as_array().unwrap().len() <= 200);
        for cursor in ["garbage", "%00", "eyJ4IjoxfQ", "' OR 1=1 --", &"A".repeat(10_000)] {
            let path = format!("{list}?cursor={}", encode(cursor));
            // A made-up cursor names no page.
            assert_eq!(assert_refused(app.get(&path, &token).await, &path).await, 404, "{path}");
        }
    }
    for nasty in hostile_strings() {
        let q = encode(&nasty);
        for path in [
            format!("/api/v1/licenses?q={q}"),
            format!("/api/v1/licenses?product={q}"),
            format!("/api/v1/licenses?sort={q}"),
            format!("/api/v1/licenses?status={q}"),
            format!("/api/v1/licenses?cost_center={q}"),
            format!("/api/v1/licenses?cost_center={q}&cost_center={q}"),
            format!("/api/v1/users?q={q}"),
            format!("/api/v1/users?kind={q}"),
            format!("/api/v1/users?has_license={q}"),
            format!("/api/v1/cost-centers?q={q}"),
            format!("/api/v1/audit-events?action={q}"),
        ] {
            if let Some(page) = page_or_refused(app.get(&path, &token).await, &path).await {
                // A wildcard or a quote is a literal character: it must not match everything.
                if ["%", "_", "' OR '1'='1"].contains(&nasty.as_str()) && path.contains("q=") {
                    assert_eq!(page["items"].as_array().unwrap().len(), 0, "{path} matched rows: {page}");
                }
            }
        }
    }
    for bad_id in ["not-a-uuid", "%00", "'%20OR%201=1", "00000000-0000-0000-0000-000000000000"] {
        for path in [format!("/api/v1/licenses/{bad_id}"), format!("/api/v1/users/{bad_id}")] {
            assert_eq!(assert_refused(app.get(&path, &token).await, &path).await, 404, "{path}");
        }
    }
    assert_eq!(fingerprint(app).await, before, "reading changed nothing");
}
on_both_backends!(hostile_list_parameters, hostile_list_parameters_never_break_the_lists);

async fn first_license_and_user(app: &TestApp, token: &str) -> (String, String) {
    let free: Value = app.get("/api/v1/licenses?status=unassigned&limit=1", token).await.json().await.unwrap();
    let users: Value = app.get("/api/v1/users?has_license=false&limit=1", token).await.json().await.unwrap();
    (free["items"][0]["id"].as_str().unwrap().into(), users["items"][0]["id"].as_str().unwrap().into())
}

async fn smuggled_and_hostile_bodies_change_nothing(app: &TestApp) {
    let token = app.login("owner@acme.example").await;
    let globex = app.login("owner@globex.example").await;
    let (license, user) = first_license_and_user(app, &token).await;
    let before = fingerprint(app).await;
    let assign = format!("/api/v1/licenses/{license}/assign");

    for extra in ["account_id", "price", "role", "assignee_id", "license_id"] {
        let mut body = json!({"user_id": user});
        body[extra] = json!("00000000-0000-0000-0000-000000000000");
        let problem = assert_problem(app.post(&assign, &token, &body).await, 422).await;
        assert!(problem["errors"][extra].is_array(), "names {extra}: {problem}");
    }
    for nasty in hostile_strings() {
        let body = json!({"user_id": nasty});
        assert_refused(app.post(&assign, &token, &body).await, &format!("user_id {nasty:.30?}")).await;
        let patch = json!({"cost_center_id": nasty});
        let path = format!("/api/v1/licenses/{license}");
        assert_refused(app.patch(&path, &token, &patch).await, &format!("cost_center_id {nasty:.30?}")).await;
    }
    // Another account's user, and another account's caller: 404, never a cross-account write.
    let globex_user: Value = app.get("/api/v1/users?limit=1", &globex).await.json().await.unwrap();
    if let Some(other) = globex_user["items"][0]["id"].as_str() {
        assert_problem(app.post(&assign, &token, &json!({"user_id": other})).await, 404).await;
    }
    assert_problem(app.post(&assign, &globex, &json!({"user_id": user})).await, 404).await;

    let ten_mb = format!(r#"{{"user_id":"{user}","pad":"{}"}}"#, "x".repeat(10 * 1024 * 1024));
    let big = app.client.post(app.url(&assign)).bearer_auth(&token).header("content-type", "application/json");
    assert_eq!(assert_refused(big.body(ten_mb).send().await.unwrap(), "10 MB").await, 413);
    let deep = app.client.post(app.url(&assign)).bearer_auth(&token).header("content-type", "application/json");
    assert_refused(deep.body(deep_body()).send().await.unwrap(), "deep nesting").await;

    // Purchase: quantities out of range and smuggled prices.
    let products: Value = app.get("/api/v1/products", &token).await.json().await.unwrap();
    let product = products["items"][0]["id"].as_str().unwrap().to_string();
    let cart_item = format!("/api/v1/cart/items/{product}");
    for body in [
        json!({"quantity": 0}),
        json!({"quantity": -1}),
        json!({"quantity": 1e12}),
        json!({"quantity": 1.5}),
        json!({"quantity": "5"}),
        json!({"quantity": null}),
        json!({"quantity": 1, "unit_price": "0.01"}),
        json!({"quantity": 1, "price": "0"}),
        json!({"quantity": 1, "account_id": "00000000-0000-0000-0000-000000000000"}),
    ] {
        assert_refused(app.put(&cart_item, &token, &body).await, &body.to_string()).await;
    }
    for nasty in hostile_strings() {
        let path = format!("/api/v1/cart/items/{}", encode(&nasty));
        let response = app.put(&path, &token, &json!({"quantity": 1})).await;
        assert_refused(response, &format!("product {nasty:.30?}")).await;
    }
    assert_eq!(fingerprint(app).await, before, "refused bodies changed nothing");
}
on_both_backends!(smuggled_bodies, smuggled_and_hostile_bodies_change_nothing);

fn deep_body() -> String {
    format!(r#"{{"user_id":{}"x"{}}}"#, "[".repeat(10_000), "]".repeat(10_000))
}

async fn hostile_strings_in_created_records_are_stored_or_refused(app: &TestApp) {
    let token = app.login("owner@acme.example").await;
    for (i, nasty) in hostile_strings().into_iter().enumerate() {
        let bodies = [
            (
                "/api/v1/users",
                json!({"name": nasty, "email": format!("n{i}@acme.example"), "ext": format!("9{i:03}"), "kind": "user"}),
            ),
            ("/api/v1/users", json!({"name": "Name", "email": nasty, "ext": format!("8{i:03}"), "kind": "user"})),
            (
                "/api/v1/users",
                json!({"name": "Name", "email": format!("e{i}@acme.example"), "ext": nasty, "kind": "user"}),
            ),
            ("/api/v1/cost-centers", json!({"code": nasty, "name": "Name"})),
            ("/api/v1/cost-centers", json!({"code": format!("X-{i}"), "name": nasty})),
        ];
        for (path, body) in bodies {
            let response = app.request(Method::POST, path, Some(&token), Some(&body)).await;
            let status = response.status().as_u16();
            assert!(status == 201 || status == 200 || (400..500).contains(&status), "{path} {body:.80}: {status}");
            if status >= 400 {
                assert_problem(response, status).await;
            } else {
                let created: Value = response.json().await.unwrap();
                let field = body.as_object().unwrap().iter().find(|(_, v)| v.as_str() == Some(nasty.as_str()));
                if let Some((name, value)) = field {
                    assert_eq!(&created[name], value, "{path} stores {name} as sent");
                }
            }
        }
    }
}
on_both_backends!(hostile_created_records, hostile_strings_in_created_records_are_stored_or_refused);
