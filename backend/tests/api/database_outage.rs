//! PostgreSQL going away under a running server: requests get 503 problem+json with
//! `Retry-After` (never a 500, never a hang past the pool's acquire timeout), and the server
//! recovers by itself when the database comes back. The shared PostgreSQL is never stopped:
//! the test's own database refuses new connections and its sessions are terminated.

use crate::helpers::{assert_problem, TestApp};

async fn set_connections(admin: &sqlx::PgPool, database: &str, allowed: bool) {
    let sql = format!("ALTER DATABASE {database} ALLOW_CONNECTIONS {allowed}");
    sqlx::query(&sql).execute(admin).await.unwrap();
    if !allowed {
        sqlx::query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        )
        .bind(database)
        .execute(admin)
        .await
        .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_database_is_503_and_the_server_recovers() {
    let Some(app) = TestApp::spawn_postgres().await else { return };
    let token = app.login("viewer@acme.example").await;
    let database: String =
        seatdesk::on_read!(&app.db, |pool| sqlx::query_scalar("SELECT current_database()").fetch_one(pool).await)
            .unwrap();
    let admin = sqlx::PgPool::connect(&std::env::var("TEST_DATABASE_URL").unwrap()).await.unwrap();

    set_connections(&admin, &database, false).await;
    for path in ["/api/v1/me", "/readyz"] {
        let response = app.client.get(app.url(path)).bearer_auth(&token).send().await.unwrap();
        assert!(response.headers().contains_key("retry-after"), "{path} says when to retry");
        assert_problem(response, 503).await;
    }

    set_connections(&admin, &database, true).await;
    let mut recovered = false;
    for _ in 0..40 {
        if app.get("/api/v1/me", &token).await.status() == 200 {
            recovered = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert!(recovered, "the server serves again once the database is back");
    admin.close().await;
    app.cleanup().await;
}
