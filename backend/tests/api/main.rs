//! Black-box API tests: each test starts the real server on port 0 over a fresh database
//! and talks HTTP to it. `on_both_backends!` runs a test on SQLite and, when
//! `TEST_DATABASE_URL` is set, on PostgreSQL (a database of its own, dropped afterwards).

mod helpers;

mod abuse;
mod abuse_endpoints;
mod api_clients;
mod audit_events;
mod auth_basics;
mod crash_recovery;
mod database_outage;
mod directory;
mod errors;
mod health;
mod license_fixtures;
mod licenses_assign;
mod licenses_concurrency;
mod licenses_filters;
mod licenses_reports;
mod licenses_search_paths;
mod licenses_seed_large;
mod openapi_spec;
mod purchase_cost_centers;
mod purchase_flow;
mod purchase_idempotency;
mod purchase_keys;
mod purchase_perf;
mod purchase_support;
mod purchase_validation;
mod reliability_churn;
mod role_scope_matrix;
mod sign_in_limits;
mod tenant_isolation;
mod tokens;
