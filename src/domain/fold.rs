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

#[cfg(test)]
mod tests {
    use super::*;

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
