//! Text folding for search: "loc ha", "Lộc Hà" and its NFD spelling all
//! fold to the same key.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case, without diacritics (đ becomes d), whatever the Unicode
/// normal form of the input, with runs of white space made one space.
pub fn fold_for_search(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !folded.is_empty();
            continue;
        }
        if pending_space {
            folded.push(' ');
            pending_space = false;
        }
        match c {
            'đ' | 'Đ' => folded.push('d'),
            _ => folded.extend(c.to_lowercase()),
        }
    }
    folded
}

/// The search key of a conference: its title, venue and place together.
pub fn conference_search_text(
    title: Option<&str>,
    venue: Option<&str>,
    locality: Option<&str>,
) -> String {
    let joined = [title, venue, locality]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    fold_for_search(&joined)
}

/// The value of a Roman numeral written the usual way ("XII" is 12;
/// "IIII" or "IC" are not numerals), in either case.
pub fn roman_value(token: &str) -> Option<u32> {
    const DIGITS: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    if token.is_empty() || token.len() > 15 {
        return None;
    }
    let lower = token.to_ascii_lowercase();
    let mut rest = lower.as_str();
    let mut value = 0;
    for (worth, letters) in DIGITS {
        while let Some(after) = rest.strip_prefix(letters) {
            value += worth;
            rest = after;
        }
    }
    if !rest.is_empty() {
        return None;
    }
    // Only the canonical spelling counts: writing the value back must give
    // the same letters.
    let mut canonical = String::new();
    let mut left = value;
    for (worth, letters) in DIGITS {
        while left >= worth {
            canonical.push_str(letters);
            left -= worth;
        }
    }
    (canonical == lower).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_value("II"), Some(2));
        assert_eq!(roman_value("xii"), Some(12));
        assert_eq!(roman_value("IX"), Some(9));
        assert_eq!(roman_value("MCMXLV"), Some(1945));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("IC"), None);
        assert_eq!(roman_value("Hà"), None);
        assert_eq!(roman_value(""), None);
    }

    #[test]
    fn strips_diacritics_and_case() {
        assert_eq!(fold_for_search("Lộc Hà"), "loc ha");
        assert_eq!(fold_for_search("Đắk Lắk"), "dak lak");
        assert_eq!(fold_for_search("  Pác   Nặm "), "pac nam");
    }

    #[test]
    fn nfc_and_nfd_fold_alike() {
        let nfd: String = "Lộc Hà".nfd().collect();
        assert_ne!(nfd, "Lộc Hà");
        assert_eq!(fold_for_search(&nfd), "loc ha");
    }
}
