//! Seatdesk: the billing portal service for per-user Live Reports licenses.
//!
//! Layers, outside in: `routes` (HTTP + OpenAPI) → `services` (use cases, transactions)
//! → `domain` (pure rules and value types) and `storage` (SQL on SQLite or PostgreSQL).

pub mod auth;
pub mod bench_sql;
pub mod cli;
pub mod config;
pub mod domain;
pub mod error;
pub mod openapi;
pub mod routes;
pub mod seed;
pub mod services;
pub mod startup;
pub mod storage;
pub mod telemetry;
