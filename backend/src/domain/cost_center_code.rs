//! `CostCenterCode`: 1–32 characters of `A-Z a-z 0-9 - _ .`; parsed, never merely checked.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostCenterCode(String);

impl CostCenterCode {
    pub const MAX_LEN: usize = 32;

    pub fn parse(raw: &str) -> Result<CostCenterCode, &'static str> {
        let code = raw.trim();
        if code.is_empty() || code.len() > Self::MAX_LEN {
            return Err("must be 1 to 32 characters");
        }
        if !code.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
            return Err("may contain only letters A-Z a-z, digits, '-', '_' and '.'");
        }
        Ok(CostCenterCode(code.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CostCenterCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_codes_parse() {
        assert_eq!(CostCenterCode::parse("CC-500").unwrap().as_str(), "CC-500");
        assert!(CostCenterCode::parse("a.b_c-9").is_ok());
        assert!(CostCenterCode::parse(&"x".repeat(32)).is_ok());
    }

    #[test]
    fn invalid_codes_are_refused() {
        for bad in ["", "   ", "CC 500", "CC/500", "ÇC-1", &"x".repeat(33)] {
            assert!(CostCenterCode::parse(bad).is_err(), "{bad:?}");
        }
    }
}
