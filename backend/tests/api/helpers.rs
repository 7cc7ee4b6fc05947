//! The test harness: `TestApp::spawn(Backend)` and small HTTP helpers.

// A shared harness: some helpers serve only some test modules at a time.
#![allow(dead_code)]

use std::sync::OnceLock;

use reqwest::{Method, Response};
use seatdesk::config::Settings;
use seatdesk::startup::Application;
use seatdesk::storage::{self, Db};
use serde_json::Value;
use uuid::Uuid;

pub const DEMO_PASSWORD: &str = "seatdesk-demo";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Declares `mod $name { sqlite(), postgres() }`, both running `$body(app)`.
/// The PostgreSQL variant passes with a loud note when `TEST_DATABASE_URL` is unset
/// (`make test` says so too; CI always sets it).
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident, $body:path) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::helpers::TestApp::spawn($crate::helpers::Backend::Sqlite).await;
                $body(&app).await;
                app.cleanup().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(app) = $crate::helpers::TestApp::spawn_postgres().await else { return };
                $body(&app).await;
                app.cleanup().await;
            }
        }
    };
}

pub struct TestApp {
    pub address: String,
    pub backend: Backend,
    pub db: Db,
    pub client: reqwest::Client,
    _dir: Option<TempDir>,
    pg_database: Option<(String, String)>,
}

/// A directory removed when the test ends.
pub struct TempDir(pub std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn init_logs() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        let level = std::env::var("TEST_LOG").unwrap_or_else(|_| "off".into());
        seatdesk::telemetry::init(&level, "pretty");
    });
}

impl TestApp {
    /// A server over a fresh database of `backend`, seeded with the demo data.
    pub async fn spawn(backend: Backend) -> TestApp {
        match backend {
            Backend::Sqlite => Self::spawn_sqlite(&|_| {}).await,
            Backend::Postgres => Self::spawn_postgres().await.expect("TEST_DATABASE_URL is set"),
        }
    }

    /// Like `spawn_sqlite`/`spawn_postgres`, with settings changed by `configure` (e.g. the
    /// sign-in rate limits, which the harness otherwise sets out of reach).
    pub async fn spawn_with(backend: Backend, configure: &dyn Fn(&mut Settings)) -> Option<TestApp> {
        match backend {
            Backend::Sqlite => Some(Self::spawn_sqlite(configure).await),
            Backend::Postgres => Self::spawn_postgres_with(configure).await,
        }
    }

    async fn spawn_sqlite(configure: &dyn Fn(&mut Settings)) -> TestApp {
        let dir = std::env::temp_dir().join(format!("seatdesk-test-{}", Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}/seatdesk.db", dir.display());
        let mut app = Self::start(&url, Backend::Sqlite, &dir, configure).await;
        app._dir = Some(TempDir(dir));
        app
    }

    /// `None` (and a note on stderr) when `TEST_DATABASE_URL` is not set.
    pub async fn spawn_postgres() -> Option<TestApp> {
        Self::spawn_postgres_with(&|_| {}).await
    }

    async fn spawn_postgres_with(configure: &dyn Fn(&mut Settings)) -> Option<TestApp> {
        let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
            eprintln!("SKIPPED on PostgreSQL: TEST_DATABASE_URL is not set");
            return None;
        };
        let name = format!("seatdesk_test_{}", Uuid::new_v4().simple());
        let admin = sqlx::PgPool::connect(&admin_url).await.expect("connect to TEST_DATABASE_URL");
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.unwrap();
        admin.close().await;
        let url = replace_database(&admin_url, &name);
        let dir = std::env::temp_dir().join(format!("seatdesk-test-{}", Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut app = Self::start(&url, Backend::Postgres, &dir, configure).await;
        app._dir = Some(TempDir(dir));
        app.pg_database = Some((admin_url, name));
        Some(app)
    }

    async fn start(url: &str, backend: Backend, dir: &std::path::Path, configure: &dyn Fn(&mut Settings)) -> TestApp {
        init_logs();
        let mut settings = Settings {
            database_url: url.to_string(),
            host: "127.0.0.1".into(),
            port: 0,
            jwt_secret: Some("test-secret-for-seatdesk".into()),
            seed_demo: false,
            data_dir: dir.to_path_buf(),
            static_dir: dir.join("no-spa"),
            max_connections: 8,
            // Every test signs in from 127.0.0.1; rate-limit tests lower these explicitly.
            sign_in_attempts_per_ip: 100_000,
            sign_in_attempts_per_identity: 100_000,
            ..Settings::default()
        };
        configure(&mut settings);
        let db = storage::connect(url, 8).await.expect("connect");
        db.migrate().await.expect("migrate");
        seatdesk::seed::demo::seed(&db).await.expect("seed demo");
        let app = Application::build_with_db(settings, db.clone()).await.expect("build app");
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address,
            backend,
            db,
            client: reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap(),
            _dir: None,
            pg_database: None,
        }
    }

    /// Closes the pools and drops the PostgreSQL database.
    pub async fn cleanup(self) {
        self.db.close().await;
        if let Some((admin_url, name)) = &self.pg_database {
            if let Ok(admin) = sqlx::PgPool::connect(admin_url).await {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&admin).await;
                admin.close().await;
            }
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// A bearer token for a demo member (password `seatdesk-demo`).
    pub async fn login(&self, email: &str) -> String {
        let response = self
            .client
            .post(self.url("/api/v1/auth/token"))
            .json(&serde_json::json!({"grant_type": "password", "email": email, "password": DEMO_PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "login as {email}");
        let body: Value = response.json().await.unwrap();
        body["access_token"].as_str().unwrap().to_string()
    }

    pub async fn request(&self, method: Method, path: &str, token: Option<&str>, body: Option<&Value>) -> Response {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        request.send().await.expect("request sent")
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.request(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: &Value) -> Response {
        self.request(Method::POST, path, Some(token), Some(body)).await
    }

    pub async fn put(&self, path: &str, token: &str, body: &Value) -> Response {
        self.request(Method::PUT, path, Some(token), Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: &str, body: &Value) -> Response {
        self.request(Method::PATCH, path, Some(token), Some(body)).await
    }

    pub async fn delete(&self, path: &str, token: &str) -> Response {
        self.request(Method::DELETE, path, Some(token), None).await
    }
}

fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// Asserts a problem+json response with `status`, returning its body.
pub async fn assert_problem(response: Response, status: u16) -> Value {
    assert_eq!(response.status().as_u16(), status, "status");
    let content_type = response.headers().get("content-type").map(|v| v.to_str().unwrap().to_string());
    assert_eq!(content_type.as_deref(), Some("application/problem+json"), "content type");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], status);
    assert!(body["type"].is_string() && body["title"].is_string() && body["detail"].is_string(), "{body}");
    body
}

/// Counts rows of `table` (a fixed name, never user input).
pub async fn count_rows(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar::<_, i64>(&sql).fetch_one(pool).await).unwrap()
}

/// A partner API client created through the API, and a token it signed in with.
pub struct ClientLogin {
    /// The client's id (the `{id}` of `DELETE /api-clients/{id}`).
    pub id: String,
    pub client_id: String,
    pub client_secret: String,
    pub token: String,
}

impl TestApp {
    /// Creates an API client with `scopes` as `owner_token`'s account owner, then signs it in.
    pub async fn api_client_login(&self, owner_token: &str, scopes: &[&str]) -> ClientLogin {
        let body = serde_json::json!({"name": format!("test client {}", scopes.join(" ")), "scopes": scopes});
        let response = self.post("/api/v1/api-clients", owner_token, &body).await;
        assert_eq!(response.status(), 201, "create API client");
        let created: Value = response.json().await.unwrap();
        let (client_id, client_secret) = (
            created["client_id"].as_str().unwrap().to_string(),
            created["client_secret"].as_str().unwrap().to_string(),
        );
        let grant = serde_json::json!({
            "grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret
        });
        let response = self.request(Method::POST, "/api/v1/auth/token", None, Some(&grant)).await;
        assert_eq!(response.status(), 200, "client_credentials sign-in");
        let token: Value = response.json().await.unwrap();
        ClientLogin {
            id: created["id"].as_str().unwrap().to_string(),
            client_id,
            client_secret,
            token: token["access_token"].as_str().unwrap().to_string(),
        }
    }
}
