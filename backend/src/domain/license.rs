//! License numbering and the text the license search matches.

/// `LR-000001`: the human license number, per account.
pub fn license_number(n: i64) -> String {
    format!("LR-{n:06}")
}

/// What `q` on the license list matches: number, cost-center code and the assignee's
/// name, email and extension, lower-cased so one case-insensitive index serves it.
pub fn search_text(number: i64, cost_center_code: &str, assignee: Option<(&str, &str, &str)>) -> String {
    let mut text = format!("{} {}", license_number(number), cost_center_code);
    if let Some((name, email, ext)) = assignee {
        text.push_str(&format!(" {name} {email} {ext}"));
    }
    text.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_zero_padded() {
        assert_eq!(license_number(7), "LR-000007");
        assert_eq!(license_number(1_234_567), "LR-1234567");
    }

    #[test]
    fn search_text_is_lower_case_and_includes_the_assignee() {
        assert_eq!(search_text(1, "CC-100", None), "lr-000001 cc-100");
        assert_eq!(
            search_text(2, "CC-100", Some(("Ada Lovelace", "Ada@x.example", "101"))),
            "lr-000002 cc-100 ada lovelace ada@x.example 101"
        );
    }
}
