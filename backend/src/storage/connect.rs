//! Opening a `Db` from a URL: `sqlite://…` (created on first use) or `postgres://…`.

use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::MigrateDatabase;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::{Db, SqliteDb};

pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Db> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        // Like SQLite's file, a database named in the URL is created on first run.
        if !sqlx::Postgres::database_exists(url).await? {
            sqlx::Postgres::create_database(url).await?;
            tracing::info!("created the PostgreSQL database named in DATABASE_URL");
        }
        // No ping before each checkout: it is a round trip per query (a third of the work of
        // `GET /licenses/{id}`). A connection the server dropped fails its query, which is a
        // 503 like any outage, and sqlx then closes it instead of returning it to the pool.
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .min_connections(1)
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await?;
        return Ok(Db::Postgres(pool));
    }
    if url.starts_with("sqlite:") {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // 8 MiB of page cache per connection: the OS caches the file anyway, and a reader's
            // cache is dropped whenever a write lands. 64 MiB each (and 16 readers) made a
            // 1,000,000-license benchmark peak near 1 GB of RSS.
            .pragma("cache_size", "-8192")
            .pragma("temp_store", "memory");
        ensure_parent_dir(url);
        // The writer goes first so that the file exists and WAL is on before readers open it.
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options.clone())
            .await?;
        // SQLite reads run on the caller's CPU: readers beyond twice the cores only queue, and
        // each one keeps a page cache (16 of them took the server to 196 MB at 1M licenses).
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get() as u32);
        let reader = SqlitePoolOptions::new()
            .max_connections(max_connections.clamp(2, 2 * cores))
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options.read_only(true))
            .await?;
        return Ok(Db::Sqlite(SqliteDb { reader, writer }));
    }
    anyhow::bail!("DATABASE_URL must start with sqlite:// or postgres://")
}

fn ensure_parent_dir(url: &str) {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return;
    }
    if let Some(parent) = std::path::Path::new(path).parent() {
        let _ = std::fs::create_dir_all(parent);
    }
}
