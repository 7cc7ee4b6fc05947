//! Black-box API tests: each test starts the real server on port 0 over a fresh database
//! and talks HTTP to it. `on_both_backends!` runs a test on SQLite and, when
//! `TEST_DATABASE_URL` is set, on PostgreSQL (a database of its own, dropped afterwards).

mod helpers;

mod audit_events;
mod auth_basics;
mod errors;
mod health;
mod license_fixtures;
mod licenses_assign;
mod licenses_concurrency;
mod licenses_filters;
mod licenses_reports;
mod licenses_seed_large;
mod openapi_spec;
