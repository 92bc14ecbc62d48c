//! How a reported figure reads: its qualifier, comparisons and plan, in the
//! words the reports use ("ước đạt trên 2.636", "tăng 3,5% so với cùng kỳ").

use super::number::{Decimal, vietnamese};

/// The figure with its qualifier: "ước đạt trên 2.636", "gần 8,3", "12/12".
pub fn figure(value: Option<&str>, out_of: Option<&str>, estimated: bool, bound: &str) -> String {
    let Some(value) = value else {
        return String::new();
    };
    let mut words = Vec::with_capacity(4);
    if estimated {
        words.push("ước đạt".to_string());
    }
    match bound {
        "over" => words.push("trên".to_string()),
        "nearly" => words.push("gần".to_string()),
        _ => {}
    }
    let number = match out_of {
        Some(total) => format!("{}/{}", vietnamese(value), vietnamese(total)),
        None => vietnamese(value),
    };
    words.push(number);
    words.join(" ")
}

/// The figure followed by its unit of measure: "ước đạt 772 tỷ đồng".
pub fn figure_with_unit(
    value: Option<&str>,
    out_of: Option<&str>,
    estimated: bool,
    bound: &str,
    measure_unit: &str,
) -> String {
    let text = figure(value, out_of, estimated, bound);
    if text.is_empty() || measure_unit.is_empty() {
        text
    } else {
        format!("{text} {measure_unit}")
    }
}

/// "tăng 3,5% so với cùng kỳ", "giảm 2% so với cùng kỳ",
/// or "bằng 107,7% so với cùng kỳ" when the report gives a ratio.
pub fn year_on_year(growth_pct: Option<&str>, same_period_pct: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(growth) = growth_pct.and_then(|g| Decimal::parse_plain(g).ok()) {
        let verb = if growth.is_negative() {
            "giảm"
        } else {
            "tăng"
        };
        parts.push(format!("{verb} {}% so với cùng kỳ", growth.abs()));
    }
    if let Some(ratio) = same_period_pct {
        parts.push(format!("bằng {}% so với cùng kỳ", vietnamese(ratio)));
    }
    parts.join("; ")
}

/// "đạt 100% kế hoạch".
pub fn of_plan(plan_pct: Option<&str>) -> String {
    plan_pct
        .map(|p| format!("đạt {}% kế hoạch", vietnamese(p)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifiers_stay_with_the_figure() {
        assert_eq!(figure(Some("772"), None, true, "exact"), "ước đạt 772");
        assert_eq!(
            figure(Some("2636"), None, true, "over"),
            "ước đạt trên 2.636"
        );
        assert_eq!(figure(Some("8.3"), None, false, "nearly"), "gần 8,3");
        assert_eq!(figure(Some("525.2"), None, false, "exact"), "525,2");
        assert_eq!(figure(Some("12"), Some("12"), false, "exact"), "12/12");
        assert_eq!(
            figure_with_unit(Some("772"), None, true, "exact", "tỷ đồng"),
            "ước đạt 772 tỷ đồng"
        );
    }

    #[test]
    fn comparisons_read_as_in_the_reports() {
        assert_eq!(year_on_year(Some("3.5"), None), "tăng 3,5% so với cùng kỳ");
        assert_eq!(year_on_year(Some("-2"), None), "giảm 2% so với cùng kỳ");
        assert_eq!(
            year_on_year(None, Some("107.7")),
            "bằng 107,7% so với cùng kỳ"
        );
        assert_eq!(of_plan(Some("108.1")), "đạt 108,1% kế hoạch");
        assert_eq!(of_plan(None), "");
    }
}
