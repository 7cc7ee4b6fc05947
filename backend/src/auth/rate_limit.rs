//! Sign-in rate limits: per client IP and per identity (email or `client_id`), so neither one
//! address guessing many accounts nor many addresses guessing one account get far.
//!
//! The limits come from `Settings` (`SIGN_IN_ATTEMPTS_PER_IP`, default 30/min, and
//! `SIGN_IN_ATTEMPTS_PER_IDENTITY`, default 10/min). Each is a GCRA bucket from `governor`:
//! the full number may be spent at once, then one attempt comes back every `60 s / limit`.
//!
//! The counts live in this process's memory: several instances behind a load balancer each
//! keep their own, so the effective limit is the per-instance limit times the instance count.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::ApiError;

/// Above this many remembered keys, buckets that are full again are dropped.
const PRUNE_ABOVE_KEYS: usize = 10_000;

pub struct SignInLimiter {
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    per_identity: DefaultKeyedRateLimiter<String>,
}

impl SignInLimiter {
    /// A limit of 0 is read as 1: sign-in can be slowed down, never switched off.
    pub fn new(per_ip_per_minute: u32, per_identity_per_minute: u32) -> Self {
        let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN));
        SignInLimiter {
            per_ip: RateLimiter::keyed(quota(per_ip_per_minute)),
            per_identity: RateLimiter::keyed(quota(per_identity_per_minute)),
        }
    }

    /// Spends one attempt for the address, before the body is even read.
    pub fn check_ip(&self, ip: IpAddr) -> Result<(), ApiError> {
        let outcome = self.per_ip.check_key(&ip);
        prune(&self.per_ip);
        outcome.map_err(|not_until| too_many(not_until.wait_time_from(DefaultClock::default().now())))
    }

    /// Spends one attempt for the email or client id (compared case-insensitively).
    pub fn check_identity(&self, identity: &str) -> Result<(), ApiError> {
        let key = identity.trim().to_lowercase();
        let outcome = self.per_identity.check_key(&key);
        prune(&self.per_identity);
        outcome.map_err(|not_until| too_many(not_until.wait_time_from(DefaultClock::default().now())))
    }
}

fn prune<K: std::hash::Hash + Eq + Clone>(limiter: &DefaultKeyedRateLimiter<K>) {
    if limiter.len() > PRUNE_ABOVE_KEYS {
        limiter.retain_recent();
    }
}

fn too_many(wait: std::time::Duration) -> ApiError {
    // Whole seconds, rounded up, so a client that waits exactly Retry-After succeeds.
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    ApiError::TooManyRequests { retry_after_secs: secs.max(1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_identity_gets_its_limit_then_429_with_a_retry_after() {
        let limiter = SignInLimiter::new(100, 3);
        for _ in 0..3 {
            assert!(limiter.check_identity("Ada@x.example").is_ok());
        }
        match limiter.check_identity(" ada@X.example ") {
            Err(ApiError::TooManyRequests { retry_after_secs }) => assert!((1..=60).contains(&retry_after_secs)),
            other => panic!("expected 429, got {other:?}"),
        }
        assert!(limiter.check_identity("bob@x.example").is_ok(), "other identities are not affected");
    }

    #[test]
    fn an_address_gets_its_limit() {
        let limiter = SignInLimiter::new(2, 100);
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        assert!(limiter.check_ip(ip).is_ok() && limiter.check_ip(ip).is_ok());
        assert!(matches!(limiter.check_ip(ip), Err(ApiError::TooManyRequests { .. })));
        assert!(limiter.check_ip("10.0.0.2".parse().unwrap()).is_ok());
    }
}
