//! Storage: one `Db` handle over SQLite or PostgreSQL, chosen by the URL scheme.
//!
//! Queries are written once in portable SQL (`$1` placeholders work on both) and run
//! through the `on_read!` / `with_tx!` macros, which compile each body once per backend.
//! Where the dialects differ (text search, row locks), repositories branch on `Dialect`.

pub mod accounts;
pub mod api_clients;
pub mod audit;
pub mod billing;
pub mod catalog;
pub mod checkouts;
pub mod connect;
pub mod cost_centers;
pub mod errors;
pub mod idempotency;
pub mod licenses;
pub mod licenses_list;
pub mod licenses_search_plan;
pub mod licenses_usage;
pub mod members;
pub mod orders;
pub mod types;
pub mod users;

use sqlx::{PgPool, SqlitePool};

pub use connect::connect;
pub use errors::{is_unique_violation, UniqueKey};
pub use types::SqlDecimal;

/// Which SQL dialect a statement must be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// SQLite serialises writers anyway; one writer connection avoids `SQLITE_BUSY`
/// while readers run concurrently under WAL.
#[derive(Clone)]
pub struct SqliteDb {
    pub reader: SqlitePool,
    pub writer: SqlitePool,
}

#[derive(Clone)]
pub enum Db {
    Sqlite(SqliteDb),
    Postgres(PgPool),
}

impl Db {
    pub fn dialect(&self) -> Dialect {
        match self {
            Db::Sqlite(_) => Dialect::Sqlite,
            Db::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Applies the embedded migrations of this backend's dialect.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Db::Sqlite(s) => sqlx::migrate!("../migrations/sqlite").run(&s.writer).await,
            Db::Postgres(p) => sqlx::migrate!("../migrations/postgres").run(p).await,
        }
    }

    /// A round trip to the database, for `/readyz`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        crate::on_read!(self, |pool| sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(s) => {
                s.reader.close().await;
                s.writer.close().await;
            }
            Db::Postgres(p) => p.close().await,
        }
    }
}

/// Evaluates `$body` with `$pool` bound to the read pool of the configured backend.
#[macro_export]
macro_rules! on_read {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::storage::Db::Sqlite(s) => {
                let $pool = &s.reader;
                $body
            }
            $crate::storage::Db::Postgres(p) => {
                let $pool = p;
                $body
            }
        }
    };
}

/// Evaluates `$body` with `$pool` bound to the write pool (single statements outside a transaction).
#[macro_export]
macro_rules! on_write {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::storage::Db::Sqlite(s) => {
                let $pool = &s.writer;
                $body
            }
            $crate::storage::Db::Postgres(p) => {
                let $pool = p;
                $body
            }
        }
    };
}

/// A write transaction on either backend. Repository functions take `&mut Tx` and
/// run their SQL through `with_tx!`; dropping a `Tx` without `commit` rolls it back.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// The statement that opens a write transaction in each dialect (see `Db::begin`).
pub fn begin_sql(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => "BEGIN IMMEDIATE",
        Dialect::Postgres => "BEGIN",
    }
}

impl Db {
    /// Starts a write transaction. On SQLite it is `BEGIN IMMEDIATE`: it takes the write lock
    /// up front, so it never fails half-way with `SQLITE_BUSY` when it upgrades to a write.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(s) => Tx::Sqlite(s.writer.begin_with(begin_sql(Dialect::Sqlite)).await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }
}

impl Tx {
    pub fn dialect(&self) -> Dialect {
        match self {
            Tx::Sqlite(_) => Dialect::Sqlite,
            Tx::Postgres(_) => Dialect::Postgres,
        }
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }
}

/// Evaluates `$body` with `$conn` bound to the transaction's connection (`&mut …Connection`).
#[macro_export]
macro_rules! with_tx {
    ($tx:expr, |$conn:ident| $body:expr) => {
        match $tx {
            $crate::storage::Tx::Sqlite(t) => {
                let $conn = &mut **t;
                $body
            }
            $crate::storage::Tx::Postgres(t) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}

/// Runs one statement (`sqlx::query(...)` with its binds) in the transaction; the rows affected.
#[macro_export]
macro_rules! tx_execute {
    ($tx:expr, $query:expr) => {
        $crate::with_tx!($tx, |conn| $query.execute(conn).await.map(|done| done.rows_affected()))
    };
}

/// Runs one statement on the write pool, outside any transaction; the rows affected.
#[macro_export]
macro_rules! db_execute {
    ($db:expr, $query:expr) => {
        $crate::on_write!($db, |pool| $query.execute(pool).await.map(|done| done.rows_affected()))
    };
}
