//! Pure domain rules and value types: no I/O here.

pub mod directory;
pub mod license;
pub mod time;
