//! Use cases: each function is one thing a caller can do, with its rules and its transaction.

pub mod api_clients;
pub mod directory;
pub mod sign_in;
pub mod user_lifecycle;
