//! Money rounding and display: exact decimals only (never floats).

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds to cents with banker's rounding (half to even), always shown with two decimals.
pub fn round_cents(amount: Decimal) -> Decimal {
    let mut rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven);
    rounded.rescale(2);
    rounded
}

/// A price or recurring amount (up to 4 fraction digits), shown with at least two decimals:
/// `15` → `15.00`, `14.9900` → `14.99`, `0.1234` stays.
pub fn display_amount(amount: Decimal) -> Decimal {
    let mut shown = amount.normalize();
    if shown.scale() < 2 {
        shown.rescale(2);
    }
    shown
}

/// Parses a money amount as a client sends it (`"538.12"`); `None` for anything else.
pub fn parse_amount(text: &str) -> Option<Decimal> {
    let text = text.trim();
    if text.is_empty() || text.len() > 40 || !text.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-') {
        return None;
    }
    text.parse::<Decimal>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn rounding_is_half_to_even_at_the_cent() {
        assert_eq!(round_cents(d("0.125")).to_string(), "0.12");
        assert_eq!(round_cents(d("0.135")).to_string(), "0.14");
        assert_eq!(round_cents(d("0.1251")).to_string(), "0.13");
        assert_eq!(round_cents(d("7")).to_string(), "7.00");
    }

    #[test]
    fn amounts_show_at_least_two_decimals() {
        assert_eq!(display_amount(d("15.0000")).to_string(), "15.00");
        assert_eq!(display_amount(d("14.9900")).to_string(), "14.99");
        assert_eq!(display_amount(d("0.1234")).to_string(), "0.1234");
    }

    #[test]
    fn only_plain_decimals_parse() {
        assert_eq!(parse_amount("538.12"), Some(d("538.12")));
        assert_eq!(parse_amount("1e3"), None);
        assert_eq!(parse_amount(""), None);
    }
}
