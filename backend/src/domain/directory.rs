//! Directory users' kinds and statuses, and what a valid extension looks like.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Who the person is in the phone system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UserKind {
    User,
    Manager,
    Agent,
}

impl UserKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UserKind::User => "user",
            UserKind::Manager => "manager",
            UserKind::Agent => "agent",
        }
    }

    pub fn parse(s: &str) -> Option<UserKind> {
        [UserKind::User, UserKind::Manager, UserKind::Agent].into_iter().find(|k| k.as_str() == s)
    }
}

/// A disabled user holds no license: disabling releases it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    Active,
    Disabled,
}

impl UserStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            UserStatus::Active => "active",
            UserStatus::Disabled => "disabled",
        }
    }

    pub fn parse(s: &str) -> Option<UserStatus> {
        [UserStatus::Active, UserStatus::Disabled].into_iter().find(|k| k.as_str() == s)
    }
}

pub const MAX_EXT_LEN: usize = 16;

/// An extension is 1–16 digits, as phone systems dial them.
pub fn is_valid_ext(ext: &str) -> bool {
    !ext.is_empty() && ext.len() <= MAX_EXT_LEN && ext.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_short_digit_strings() {
        assert!(is_valid_ext("101") && is_valid_ext("0"));
        assert!(!is_valid_ext("") && !is_valid_ext("10a") && !is_valid_ext(" 101") && !is_valid_ext(&"1".repeat(17)));
    }

    #[test]
    fn kinds_and_statuses_round_trip() {
        assert_eq!(UserKind::parse("manager"), Some(UserKind::Manager));
        assert_eq!(UserStatus::parse(UserStatus::Disabled.as_str()), Some(UserStatus::Disabled));
        assert_eq!(UserKind::parse("Manager"), None);
    }
}
