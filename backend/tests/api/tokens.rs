//! Both grants, and every way a forged or stale token must fail with 401 problem+json.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use reqwest::Method;
use seatdesk::auth::jwt::{Claims, JwtKeys};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, TestApp};
use crate::on_both_backends;

/// The secret the harness gives the server.
const SERVER_SECRET: &str = "test-secret-for-seatdesk";

fn parts(token: &str) -> (String, String, String) {
    let mut it = token.split('.').map(str::to_string);
    (it.next().unwrap(), it.next().unwrap(), it.next().unwrap())
}

fn claims_of(token: &str) -> Claims {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts(token).1).unwrap()).unwrap()
}

fn header_of(token: &str) -> Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts(token).0).unwrap()).unwrap()
}

fn b64(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).unwrap())
}

async fn me_status(app: &TestApp, token: &str) -> u16 {
    app.get("/api/v1/me", token).await.status().as_u16()
}

async fn both_grants_issue_working_tokens(app: &TestApp) {
    let owner = app.login("owner@acme.example").await;
    let me: Value = app.get("/api/v1/me", &owner).await.json().await.unwrap();
    assert_eq!((me["kind"].as_str(), me["role"].as_str()), (Some("member"), Some("owner")));

    let client = app.api_client_login(&owner, &["licenses:read", "directory:read"]).await;
    let me: Value = app.get("/api/v1/me", &client.token).await.json().await.unwrap();
    assert_eq!(me["kind"], "api_client");
    assert_eq!(me["label"], client.client_id.as_str());
    assert_eq!(me["scopes"], json!(["licenses:read", "directory:read"]));
    assert_eq!(me["account"]["name"], "Acme Corp");

    let wrong_secret = json!({"grant_type": "client_credentials", "client_id": client.client_id, "client_secret": "x"});
    assert_problem(app.request(Method::POST, "/api/v1/auth/token", None, Some(&wrong_secret)).await, 401).await;
    let unknown_grant = json!({"grant_type": "implicit", "email": "owner@acme.example"});
    assert_problem(app.request(Method::POST, "/api/v1/auth/token", None, Some(&unknown_grant)).await, 422).await;
}
on_both_backends!(grants, both_grants_issue_working_tokens);

async fn forged_and_stale_tokens_are_rejected(app: &TestApp) {
    let genuine = app.login("viewer@acme.example").await;
    let server_keys = JwtKeys::new(SERVER_SECRET, &[]);
    let claims = claims_of(&genuine);
    let kid = header_of(&genuine)["kid"].as_str().unwrap().to_string();
    let now = chrono::Utc::now().timestamp();

    // Control: re-signing the same claims with the server's key works, so each failure below
    // is caused by the one thing that was changed.
    assert_eq!(me_status(app, &server_keys.sign(&claims)).await, 200);

    let mut forged: Vec<(&str, String)> = Vec::new();
    let expired = Claims { iat: now - 7200, nbf: now - 7200, exp: now - 3600, ..claims.clone() };
    forged.push(("expired", server_keys.sign(&expired)));
    let not_yet_valid = Claims { nbf: now + 3600, exp: now + 7200, ..claims.clone() };
    forged.push(("nbf in the future", server_keys.sign(&not_yet_valid)));
    forged.push(("wrong aud", server_keys.sign(&Claims { aud: "another-api".into(), ..claims.clone() })));
    forged.push(("wrong iss", server_keys.sign(&Claims { iss: "someone-else".into(), ..claims.clone() })));

    let promoted = serde_json::to_value(Claims { role: Some("owner".into()), ..claims.clone() }).unwrap();
    let none_header = json!({"alg": "none", "typ": "JWT", "kid": kid});
    forged.push(("alg none", format!("{}.{}.", b64(&none_header), b64(&promoted))));

    let mut same_kid = Header::new(Algorithm::HS256);
    same_kid.kid = Some(kid.clone());
    let other_key = EncodingKey::from_secret(b"an-attacker-secret");
    forged.push(("another key, real kid", encode(&same_kid, &claims, &other_key).unwrap()));
    forged.push(("another key, its own kid", JwtKeys::new("an-attacker-secret", &[]).sign(&claims)));

    let mut hs512 = Header::new(Algorithm::HS512);
    hs512.kid = Some(kid.clone());
    let server_key = EncodingKey::from_secret(SERVER_SECRET.as_bytes());
    forged.push(("HS512 with the real secret", encode(&hs512, &claims, &server_key).unwrap()));

    let (header, _, signature) = parts(&genuine);
    forged.push(("tampered payload", format!("{header}.{}.{signature}", b64(&promoted))));
    forged.push(("signature stripped", format!("{header}.{}.", parts(&genuine).1)));

    for (what, token) in forged {
        let response = app.request(Method::GET, "/api/v1/me", Some(&token), None).await;
        assert_eq!(response.status(), 401, "{what}");
        assert_eq!(response.headers().get("www-authenticate").unwrap(), "Bearer", "{what}");
        assert_problem(response, 401).await;
        // A forged token is refused on a mutating route too, not just on /me.
        let body = json!({"name": "Mallory", "email": "m@acme.example", "ext": "999", "kind": "user"});
        let response = app.request(Method::POST, "/api/v1/users", Some(&token), Some(&body)).await;
        assert_problem(response, 401).await;
    }
}
on_both_backends!(forged_tokens, forged_and_stale_tokens_are_rejected);
