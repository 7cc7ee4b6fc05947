//! Every role and every single-scope API client against every identity endpoint: allowed
//! exactly where the permission table (src/auth/permissions.rs) says, 403 everywhere else,
//! and a refused request changes nothing.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, count_rows, TestApp};
use crate::on_both_backends;

const ROLES: [(&str, &str); 4] = [
    ("owner", "owner@acme.example"),
    ("billing_admin", "billing@acme.example"),
    ("license_admin", "licenses@acme.example"),
    ("viewer", "viewer@acme.example"),
];
const SCOPES: [&str; 7] = [
    "licenses:read",
    "licenses:write",
    "billing:read",
    "billing:write",
    "directory:read",
    "directory:write",
    "audit:read",
];

#[derive(Clone, Copy, Debug)]
enum Endpoint {
    ListUsers,
    GetUser,
    CreateUser,
    PatchUser,
    ListApiClients,
    CreateApiClient,
    RevokeApiClient,
}

/// Written out by hand from the permission table, not computed from it.
fn allowed(endpoint: Endpoint) -> &'static [&'static str] {
    use Endpoint::*;
    match endpoint {
        ListUsers | GetUser => {
            &["owner", "billing_admin", "license_admin", "viewer", "directory:read", "directory:write"]
        }
        CreateUser | PatchUser => &["owner", "directory:write"],
        ListApiClients | CreateApiClient | RevokeApiClient => &["owner"],
    }
}

struct Fixture {
    owner: String,
    user_id: String,
}

impl Fixture {
    /// Performs the request as `token`; `n` keeps created names and extensions unique.
    async fn call(&self, app: &TestApp, endpoint: Endpoint, token: &str, n: usize) -> (reqwest::Response, u16) {
        use Endpoint::*;
        let (method, path, body, success) = match endpoint {
            ListUsers => (Method::GET, "/api/v1/users".to_string(), None, 200),
            GetUser => (Method::GET, format!("/api/v1/users/{}", self.user_id), None, 200),
            CreateUser => {
                let body = json!({"name": format!("New {n}"), "email": format!("new{n}@acme.example"),
                                  "ext": format!("{}", 5000 + n), "kind": "agent"});
                (Method::POST, "/api/v1/users".to_string(), Some(body), 201)
            }
            PatchUser => {
                let body = json!({"name": format!("Renamed {n}")});
                (Method::PATCH, format!("/api/v1/users/{}", self.user_id), Some(body), 200)
            }
            ListApiClients => (Method::GET, "/api/v1/api-clients".to_string(), None, 200),
            CreateApiClient => {
                let body = json!({"name": format!("c{n}"), "scopes": ["audit:read"]});
                (Method::POST, "/api/v1/api-clients".to_string(), Some(body), 201)
            }
            RevokeApiClient => {
                let victim = app.api_client_login(&self.owner, &["audit:read"]).await;
                (Method::DELETE, format!("/api/v1/api-clients/{}", victim.id), None, 204)
            }
        };
        (app.request(method, &path, Some(token), body.as_ref()).await, success)
    }
}

async fn state_counts(app: &TestApp) -> Vec<i64> {
    let revoked: i64 = seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM api_clients WHERE revoked_at IS NOT NULL"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    let success_events: i64 = seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM audit_events WHERE outcome = 'success'"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    vec![count_rows(app, "directory_users").await, count_rows(app, "api_clients").await, revoked, success_events]
}

async fn each_role_and_scope_gets_exactly_its_permissions(app: &TestApp) {
    let owner = app.login("owner@acme.example").await;
    let users: Value = app.get("/api/v1/users?has_license=false&limit=1", &owner).await.json().await.unwrap();
    let fixture = Fixture { owner: owner.clone(), user_id: users["items"][0]["id"].as_str().unwrap().to_string() };

    let mut callers: Vec<(String, String)> = Vec::new();
    for (role, email) in ROLES {
        callers.push((role.to_string(), app.login(email).await));
    }
    for scope in SCOPES {
        callers.push((scope.to_string(), app.api_client_login(&owner, &[scope]).await.token));
    }

    use Endpoint::*;
    let endpoints = [ListUsers, GetUser, CreateUser, PatchUser, ListApiClients, CreateApiClient, RevokeApiClient];
    let mut n = 0;
    for endpoint in endpoints {
        for (who, token) in &callers {
            n += 1;
            let may = allowed(endpoint).contains(&who.as_str());
            let before = state_counts(app).await;
            let (response, success) = fixture.call(app, endpoint, token, n).await;
            if may {
                assert_eq!(response.status().as_u16(), success, "{who} may {endpoint:?}");
            } else {
                let problem = assert_problem(response, 403).await;
                assert!(problem["detail"].as_str().unwrap().contains("not allow"), "{who} {endpoint:?}");
                // Revoke's fixture creates a client first; compare after that.
                let after = state_counts(app).await;
                let expected = match endpoint {
                    RevokeApiClient => vec![before[0], before[1] + 1, before[2], before[3] + 1],
                    _ => before,
                };
                assert_eq!(after, expected, "a refused {endpoint:?} by {who} changes nothing");
            }
        }
    }
}
on_both_backends!(matrix, each_role_and_scope_gets_exactly_its_permissions);

async fn members_see_the_same_permissions_in_me(app: &TestApp) {
    let viewer = app.login("viewer@acme.example").await;
    let me: Value = app.get("/api/v1/me", &viewer).await.json().await.unwrap();
    let permissions: Vec<&str> = me["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert!(permissions.contains(&"directory:read") && !permissions.contains(&"directory:write"));
    assert!(!permissions.contains(&"api_clients:manage"));
}
on_both_backends!(me_permissions, members_see_the_same_permissions_in_me);
