//! Who is calling and what they may do.
//!
//! `jwt` issues and verifies access tokens, `principal` turns a bearer token into the caller,
//! `permissions` is the one table of what each role and scope allows, `password` and
//! `secrets` hash credentials, `rate_limit` slows sign-in guessing, `denied_audit` records every
//! 401/403/429 in the audit log.

pub mod denied_audit;
pub mod jwt;
pub mod password;
pub mod permissions;
pub mod principal;
pub mod rate_limit;
pub mod secrets;

pub use permissions::{Permission, Role, Scope};
pub use principal::{Actor, Principal};
