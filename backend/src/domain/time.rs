//! One clock for the whole service.

use chrono::{DateTime, SubsecRound, Utc};

/// Now, in UTC, truncated to microseconds: PostgreSQL keeps microseconds, and SQLite's
/// RFC 3339 text then sorts and compares the same way.
pub fn now_utc() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}
