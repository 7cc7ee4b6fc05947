//! Data for trying Seatdesk out (`demo`) and for benchmarks.

pub mod demo;
pub mod demo_order;
pub mod large;
