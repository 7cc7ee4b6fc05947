//! Use cases: each function is one thing a caller can do, with its rules and its transaction.

pub mod api_clients;
pub mod audit_log;
pub mod directory;
pub mod entitlements;
pub mod licenses;
pub mod licenses_bulk;
pub mod licenses_export;
pub mod licenses_list;
pub mod licenses_summary;
pub mod sign_in;
pub mod user_lifecycle;
