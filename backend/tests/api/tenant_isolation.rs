//! Nothing crosses accounts: another account's ids are 404 on every `{id}` route, for members
//! and API clients alike, and the object is left as it was.

use serde_json::{json, Value};

use crate::helpers::{assert_problem, TestApp};
use crate::on_both_backends;

async fn first_user(app: &TestApp, token: &str) -> Value {
    let page: Value = app.get("/api/v1/users?has_license=true&limit=1", token).await.json().await.unwrap();
    page["items"][0].clone()
}

async fn another_accounts_ids_are_not_found(app: &TestApp) {
    let acme_owner = app.login("owner@acme.example").await;
    let globex_owner = app.login("owner@globex.example").await;
    let acme_user = first_user(app, &acme_owner).await;
    let globex_user = first_user(app, &globex_owner).await;
    let acme_client = app.api_client_login(&acme_owner, &["directory:write"]).await;
    let globex_client = app.api_client_login(&globex_owner, &["directory:write"]).await;

    // (caller token, other account's user, other account's API client id)
    let attempts = [
        (&globex_owner, &acme_user, &acme_client.id),
        (&globex_client.token, &acme_user, &acme_client.id),
        (&acme_owner, &globex_user, &globex_client.id),
        (&acme_client.token, &globex_user, &globex_client.id),
    ];
    for (token, victim, victim_client) in attempts {
        let user_path = format!("/api/v1/users/{}", victim["id"].as_str().unwrap());
        assert_problem(app.get(&user_path, token).await, 404).await;
        let patch = json!({"name": "Hijacked", "status": "disabled"});
        assert_problem(app.patch(&user_path, token, &patch).await, 404).await;
        let client_path = format!("/api/v1/api-clients/{victim_client}");
        let status = app.delete(&client_path, token).await.status().as_u16();
        // Owners get 404; a client lacks the permission altogether and gets 403 before any lookup.
        assert!(status == 404 || status == 403, "{client_path}: {status}");
    }
    // Owners specifically get 404 on the other account's API client.
    assert_problem(app.delete(&format!("/api/v1/api-clients/{}", acme_client.id), &globex_owner).await, 404).await;

    // Everything is as it was: the users, their licenses, and the clients' access.
    let still: Value = app
        .get(&format!("/api/v1/users/{}", acme_user["id"].as_str().unwrap()), &acme_owner)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(still, acme_user);
    let still: Value = app
        .get(&format!("/api/v1/users/{}", globex_user["id"].as_str().unwrap()), &globex_owner)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(still, globex_user);
    assert_eq!(app.get("/api/v1/me", &acme_client.token).await.status(), 200);
    assert_eq!(app.get("/api/v1/me", &globex_client.token).await.status(), 200);
}
on_both_backends!(by_id, another_accounts_ids_are_not_found);

async fn lists_show_only_the_callers_account(app: &TestApp) {
    let globex_owner = app.login("owner@globex.example").await;
    let page: Value = app.get("/api/v1/users?limit=200", &globex_owner).await.json().await.unwrap();
    let names: Vec<&str> = page["items"].as_array().unwrap().iter().map(|u| u["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["Homer Simpson"]);
    // Extensions are unique per account only: Globex's 101 does not block Acme's 101.
    let acme_owner = app.login("owner@acme.example").await;
    let page: Value = app.get("/api/v1/users?q=101", &acme_owner).await.json().await.unwrap();
    assert!(page["items"].as_array().unwrap().iter().all(|u| u["email"].as_str().unwrap().ends_with("@acme.example")));

    let acme_client = app.api_client_login(&acme_owner, &["audit:read"]).await;
    let globex_list: Value = app.get("/api/v1/api-clients", &globex_owner).await.json().await.unwrap();
    assert!(!globex_list.to_string().contains(&acme_client.client_id));
    assert_eq!(globex_list["items"], json!([]));
}
on_both_backends!(lists, lists_show_only_the_callers_account);
