//! Use cases: each function is one thing a caller can do, with its rules and its transaction.

pub mod api_clients;
pub mod audit_log;
pub mod billing;
pub mod cart;
pub mod catalog;
pub mod checkouts;
pub mod cost_centers;
pub mod directory;
pub mod entitlements;
pub mod idempotency;
pub mod licenses;
pub mod licenses_bulk;
pub mod licenses_export;
pub mod licenses_list;
pub mod licenses_summary;
pub mod orders;
pub mod place_order;
pub mod quote;
pub mod sign_in;
pub mod statement;
pub mod user_lifecycle;
pub mod views;
