//! Requests that try to break the server: huge, deep, malformed, hostile or smuggling bodies,
//! headers and paths. Each must be refused with a 4xx problem+json (never a 5xx, never a hang)
//! and leave every table as it was — only the audit log of denied attempts may grow.

use reqwest::{Method, Response};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{assert_problem, count_rows, TestApp};
use crate::on_both_backends;

/// Nasty strings for every free-text parameter: NUL bytes, SQL metacharacters, LIKE wildcards,
/// quoting, comment markers, a 10,000-character value and non-ASCII text.
pub fn hostile_strings() -> Vec<String> {
    vec![
        "\0".into(),
        "a\0b".into(),
        "' OR '1'='1".into(),
        "'; DROP TABLE licenses; --".into(),
        "\" OR 1=1 --".into(),
        "%".into(),
        "_".into(),
        "\\".into(),
        "%' UNION SELECT * FROM members --".into(),
        "/* */ ; SELECT pg_sleep(5)".into(),
        "x".repeat(10_000),
        "Ωmega ☃ 𝄞 \u{202e}evil".into(),
        "   ".into(),
        String::new(),
    ]
}

/// Asserts a 4xx problem+json and returns its status.
pub async fn assert_refused(response: Response, what: &str) -> u16 {
    let status = response.status().as_u16();
    assert!((400..500).contains(&status), "{what}: expected a 4xx, got {status}");
    assert_problem(response, status).await;
    status
}

/// Everything but the audit log, to prove that refused requests changed nothing.
pub async fn fingerprint(app: &TestApp) -> Vec<String> {
    let mut lines = Vec::new();
    for table in [
        "accounts",
        "members",
        "api_clients",
        "directory_users",
        "products",
        "cost_centers",
        "cart_items",
        "checkouts",
        "orders",
        "statements",
        "licenses",
        "idempotency_keys",
    ] {
        lines.push(format!("{table}={}", count_rows(app, table).await));
    }
    let sql = "SELECT number, assignee_id, cost_center_id FROM licenses ORDER BY account_id, number";
    let rows: Vec<(i64, Option<Uuid>, Uuid)> =
        seatdesk::on_read!(&app.db, |pool| sqlx::query_as(sql).fetch_all(pool).await).unwrap();
    lines.extend(rows.into_iter().map(|(n, who, cc)| format!("license {n} {who:?} {cc}")));
    let sql = "SELECT email, role, password_hash FROM members ORDER BY email";
    let members: Vec<(String, String, String)> =
        seatdesk::on_read!(&app.db, |pool| sqlx::query_as(sql).fetch_all(pool).await).unwrap();
    lines.extend(members.into_iter().map(|(e, r, h)| format!("member {e} {r} {h}")));
    lines
}

async fn post_raw(app: &TestApp, path: &str, content_type: &str, body: impl Into<reqwest::Body>) -> Response {
    app.client.post(app.url(path)).header("content-type", content_type).body(body).send().await.unwrap()
}

/// Streams 10 MB as `Transfer-Encoding: chunked` over a raw socket and returns the status.
async fn chunked_ten_mb_status(app: &TestApp, path: &str) -> u16 {
    use std::io::{Read, Write};
    let address = app.address.trim_start_matches("http://").to_string();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        stream.set_read_timeout(Some(std::time::Duration::from_secs(30))).unwrap();
        stream.write_all(head.as_bytes()).unwrap();
        let chunk = format!("10000\r\n{}\r\n", " ".repeat(0x10000));
        // The server may answer and close early: a failed write is expected then.
        for _ in 0..160 {
            if stream.write_all(chunk.as_bytes()).is_err() {
                break;
            }
        }
        let _ = stream.write_all(b"0\r\n\r\n");
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let text = String::from_utf8_lossy(&response);
        text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0)
    })
    .await
    .unwrap()
}

async fn hostile_sign_in_bodies_are_refused_and_change_nothing(app: &TestApp) {
    let before = fingerprint(app).await;
    let token = "/api/v1/auth/token";

    // 10 MB, declared and streamed without a length: 413 before the body is read whole.
    let ten_mb = vec![b' '; 10 * 1024 * 1024];
    assert_eq!(assert_refused(post_raw(app, token, "application/json", ten_mb).await, "10 MB body").await, 413);
    assert_eq!(chunked_ten_mb_status(app, token).await, 413, "10 MB sent chunked, with no length");

    // Deep nesting must not overflow the stack: the parser's recursion limit refuses it.
    let deep_array = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_refused(post_raw(app, token, "application/json", deep_array).await, "deep array").await;
    let deep_field =
        format!(r#"{{"grant_type":"password","email":{}"x"{},"password":"p"}}"#, "[".repeat(5_000), "]".repeat(5_000));
    assert_refused(post_raw(app, token, "application/json", deep_field).await, "deep field").await;

    // Not an object, raw control bytes, duplicate keys, the wrong grant, invalid UTF-8.
    for body in [
        "null",
        "[]",
        "42",
        "\"password\"",
        "{}",
        "{\"grant_type\":\"password\",\"email\":\"a\0b\",\"password\":\"p\"}",
        r#"{"grant_type":"password","grant_type":"client_credentials","email":"a","password":"p"}"#,
        r#"{"grant_type":"password","email":"owner@acme.example","password":"seatdesk-demo","email":"x"}"#,
        r#"{"grant_type":"implicit"}"#,
        r#"{"grant_type":null,"email":"owner@acme.example","password":"seatdesk-demo"}"#,
    ] {
        assert_refused(post_raw(app, token, "application/json", body).await, body).await;
    }
    let invalid_utf8 = b"{\"grant_type\":\"password\",\"email\":\"\xff\xfe\",\"password\":\"p\"}".to_vec();
    assert_refused(post_raw(app, token, "application/json", invalid_utf8).await, "invalid UTF-8").await;
    for content_type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "application/xml"] {
        let body = r#"{"grant_type":"password","email":"owner@acme.example","password":"seatdesk-demo"}"#;
        assert_eq!(assert_refused(post_raw(app, token, content_type, body).await, content_type).await, 415);
    }

    // Smuggled fields are named and refused, not ignored or obeyed.
    for extra in ["role", "account_id", "price", "scope", "sub"] {
        let mut body = json!({"grant_type": "password", "email": "viewer@acme.example", "password": "seatdesk-demo"});
        body[extra] = json!("owner");
        let problem = assert_problem(app.request(Method::POST, token, None, Some(&body)).await, 422).await;
        assert!(problem["errors"][extra].is_array(), "names {extra}: {problem}");
    }

    // Hostile strings in every field of both grants: never signed in, never a 5xx.
    for nasty in hostile_strings() {
        let bodies = [
            json!({"grant_type": "password", "email": nasty, "password": "seatdesk-demo"}),
            json!({"grant_type": "password", "email": "owner@acme.example", "password": nasty}),
            json!({"grant_type": "client_credentials", "client_id": nasty, "client_secret": nasty}),
        ];
        for body in bodies {
            let response = app.request(Method::POST, token, None, Some(&body)).await;
            assert_refused(response, &format!("sign-in with {:.40?}", nasty)).await;
        }
    }

    assert_eq!(fingerprint(app).await, before, "refused requests changed nothing");
}
on_both_backends!(hostile_sign_in_bodies, hostile_sign_in_bodies_are_refused_and_change_nothing);

/// Base64url without padding, as JWTs use.
fn b64url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

async fn forged_and_malformed_tokens_are_401(app: &TestApp) {
    let token = app.login("viewer@acme.example").await;
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "a JWT");
    let mut claims: Value = {
        use base64::Engine;
        serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap()
    };
    claims["role"] = json!("owner");
    let escalated = b64url(claims.to_string().as_bytes());
    let none_header = b64url(br#"{"alg":"none","typ":"JWT"}"#);
    let forged = [
        format!("{}.{escalated}.{}", parts[0], parts[2]),
        format!("{none_header}.{escalated}."),
        format!("{none_header}.{}.", parts[1]),
        format!("{}.{}.{}", parts[0], parts[1], b64url(b"not the signature")),
        format!("{}.{}", parts[0], parts[1]),
        "x".repeat(10_000),
        "a.b.c".into(),
        "..".into(),
        format!("{token}{token}"),
    ];
    for bad in &forged {
        let response = app.request(Method::GET, "/api/v1/me", Some(bad), None).await;
        assert_eq!(assert_refused(response, &format!("token {bad:.60}")).await, 401);
    }
    for header in ["Bearer", "Bearer ", "Basic b3duZXI6c2VhdGRlc2stZGVtbw==", "bearer", "Token abc", "Bearer  a b"] {
        let response = app.client.get(app.url("/api/v1/me")).header("authorization", header).send().await.unwrap();
        assert_eq!(assert_refused(response, header).await, 401);
    }

    // Query junk on an endpoint with no parameters is ignored, not a 500.
    let me = app.get("/api/v1/me?limit=0&limit=1000000&cursor=%00%27&q=%27%20OR%201%3D1", &token).await;
    assert_eq!(me.status(), 200);
    let me: Value = me.json().await.unwrap();
    assert_eq!(me["role"], "viewer", "the signature, not the claims a client edits, decides the role");
}
on_both_backends!(forged_tokens, forged_and_malformed_tokens_are_401);

async fn unknown_methods_and_odd_paths_get_problems(app: &TestApp) {
    for (method, path, allow) in
        [("TRACE", "/healthz", "GET"), ("PUT", "/readyz", "GET"), ("POST", "/api/v1/openapi.json", "GET")]
    {
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let response = app.request(method.clone(), path, None, None).await;
        assert_eq!(response.headers().get("allow").map(|v| v.to_str().unwrap()), Some(allow), "{method} {path}");
        assert_problem(response, 405).await;
    }
    // Not an API route, not a GET: no SPA page for it.
    assert_refused(app.request(Method::DELETE, "/licenses", None, None).await, "DELETE /licenses (SPA)").await;
    let long_path = format!("/api/v1/{}", "a".repeat(10_000));
    assert_refused(app.request(Method::GET, &long_path, None, None).await, "10,000-character path").await;
    for path in ["/api/v1/%00", "/api/v1/me%00", "/api/v1/../v1/me/%2e%2e", "/api/v1/me/'%20OR%201=1"] {
        assert_refused(app.request(Method::GET, path, None, None).await, path).await;
    }
}
on_both_backends!(odd_methods_and_paths, unknown_methods_and_odd_paths_get_problems);
