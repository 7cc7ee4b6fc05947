//! Recognising constraint violations the same way on both databases.

/// A unique constraint as each dialect names it in its error:
/// PostgreSQL reports the index name, SQLite the indexed columns.
pub struct UniqueKey {
    pub postgres: &'static str,
    pub sqlite: &'static str,
}

pub fn is_unique_violation(err: &sqlx::Error, key: &UniqueKey) -> bool {
    let sqlx::Error::Database(db) = err else { return false };
    if !db.is_unique_violation() {
        return false;
    }
    match db.constraint() {
        Some(name) => name == key.postgres,
        None => db.message().contains(key.sqlite),
    }
}

/// Any unique violation at all (for a generic 409 when no specific key matters).
pub fn is_any_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}
