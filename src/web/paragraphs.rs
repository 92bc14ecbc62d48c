//! Long texts (minutes, summaries) keep their paragraphs: split on blank
//! lines so each becomes its own escaped <p>.

pub fn paragraphs(text: Option<&str>) -> Vec<String> {
    text.unwrap_or_default()
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_separate_paragraphs() {
        assert_eq!(paragraphs(Some("a\nb\n\n\nc")), vec!["a b", "c"]);
        assert!(paragraphs(None).is_empty());
    }
}
