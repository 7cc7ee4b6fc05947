//! Pure domain rules and value types: no I/O here.

pub mod cost_center_code;
pub mod directory;
pub mod license;
pub mod money;
pub mod proration;
pub mod time;
