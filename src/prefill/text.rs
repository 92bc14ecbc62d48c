//! The report as sentences, each with a folded copy (lower case, no
//! diacritics, "đ" as "d") that the rules match on, and the way back from
//! a folded position to the text as written.

use regex::Regex;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One sentence of the report as written, and folded.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub text: String,
    pub folded: String,
    /// For each byte of `folded`, the byte of `text` it came from.
    map: Vec<usize>,
    /// Which paragraph the sentence is in, from 0.
    pub paragraph: usize,
}

impl Sentence {
    pub fn new(text: &str, paragraph: usize) -> Self {
        let (folded, map) = fold_with_map(text);
        Sentence {
            text: text.to_string(),
            folded,
            map,
            paragraph,
        }
    }

    /// The written text behind a folded byte range.
    pub fn original(&self, start: usize, end: usize) -> &str {
        let from = self.written(start);
        let to = if end >= self.map.len() {
            self.text.len()
        } else {
            self.written(end)
        };
        self.text.get(from..to.max(from)).unwrap_or("").trim()
    }

    /// The written byte a folded byte came from.
    pub fn written(&self, folded: usize) -> usize {
        self.map.get(folded).copied().unwrap_or(self.text.len())
    }

    /// Whether the written word at this folded position starts with a
    /// capital letter (names do; common words do not).
    pub fn capitalised_at(&self, folded: usize) -> bool {
        let at = self.written(folded);
        self.text[at..]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase())
    }
}

/// Folds as search does, keeping for every folded byte the written byte it
/// came from. White space runs become one space.
pub fn fold_with_map(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut last_space = true;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            if !last_space {
                folded.push(' ');
                map.push(at);
            }
            last_space = true;
            continue;
        }
        last_space = false;
        let mut buffer = [0u8; 4];
        for d in c.nfd() {
            if is_combining_mark(d) {
                continue;
            }
            let pushed: String = match d {
                'đ' | 'Đ' => "d".to_string(),
                _ => d.to_lowercase().collect(),
            };
            for p in pushed.chars() {
                let s = p.encode_utf8(&mut buffer);
                folded.push_str(s);
                map.extend(std::iter::repeat_n(at, s.len()));
            }
        }
    }
    (folded, map)
}

/// Compiles one of the rules' patterns. Every pattern is a constant of
/// this module tree, compiled once on first use (in a `LazyLock`), and each
/// is run by the unit tests of the rule that holds it: a pattern that does
/// not compile fails those tests, so in a build that passed them this
/// cannot panic on a request.
pub fn pattern(source: &str) -> Regex {
    Regex::new(source).expect("the rules' patterns are constants their tests compile")
}

/// Folds a name for comparison ("Huyện Na Rì" and "huyen na ri" agree).
pub fn fold(text: &str) -> String {
    fold_with_map(text).0.trim().to_string()
}

/// Typographic variants of the same text made one: the dashes, the
/// quotes (curly ones kept apart, since an opening quote without its
/// closing one tells where a title starts), non-breaking spaces, NFC.
pub fn normalise(text: &str) -> String {
    let text: String = text.nfc().collect();
    text.replace("\r\n", "\n")
        .replace(['\r', '\u{2028}'], "\n")
        .replace(['\u{a0}', '\t', '\u{2009}', '\u{202f}'], " ")
        .replace(['\u{201e}', '\u{ab}'], "\u{201c}")
        .replace('\u{bb}', "\u{201d}")
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{2013}', '\u{2014}', '\u{2212}'], "-")
        .replace('\u{2026}', "...")
}

/// Words before a full stop that do not end a sentence ("TP. Buôn Ma
/// Thuột", "Q. 3"), folded.
const ABBREVIATIONS: &[&str] = &[
    "tp", "tx", "tt", "q", "p", "ths", "ts", "pgs", "gs", "bs", "ks", "dc", "d/c", "ong", "ba",
    "st", "no", "so",
];

/// The report cut into sentences: paragraphs at line breaks, sentences at
/// a full stop, "!" or "?" followed by a space and a capital letter, a
/// digit or a quote, unless the word before is an abbreviation.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let text = normalise(text);
    let mut out = Vec::new();
    for (paragraph, line) in text
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let mut start = 0;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        for (k, &(at, c)) in chars.iter().enumerate() {
            if !matches!(c, '.' | '!' | '?') {
                continue;
            }
            let Some(&(_, next)) = chars.get(k + 1) else {
                continue;
            };
            if !next.is_whitespace() {
                continue;
            }
            let Some(&(_, after)) = chars[k + 1..].iter().find(|(_, c)| !c.is_whitespace()) else {
                continue;
            };
            if !(after.is_uppercase()
                || after.is_ascii_digit()
                || matches!(after, '"' | '\u{201c}'))
            {
                continue;
            }
            let word = line[start..at]
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            if c == '.' && ABBREVIATIONS.contains(&fold(word).as_str()) {
                continue;
            }
            let piece = line[start..=at].trim();
            if !piece.is_empty() {
                out.push(Sentence::new(piece, paragraph));
            }
            start = at + c.len_utf8();
        }
        let rest = line[start..].trim();
        if !rest.is_empty() {
            out.push(Sentence::new(rest, paragraph));
        }
    }
    out
}

/// Clauses of a folded sentence: the byte ranges between semicolons.
pub fn clauses(folded: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, c) in folded.char_indices() {
        if c == ';' {
            out.push((start, at));
            start = at + 1;
        }
    }
    out.push((start, folded.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_ends_at_a_full_stop_before_a_capital_but_not_after_tp() {
        let s = sentences(
            "Sáng 30/3, Cụm họp hội nghị tại TP. Buôn Ma Thuột thuộc tỉnh Đắk Lắk. Thượng tướng Trần Quốc Tỏ về dự.",
        );
        assert_eq!(s.len(), 2);
        assert!(s[0].text.contains("Buôn Ma Thuột"));
        assert!(s[1].text.starts_with("Thượng tướng"));
    }

    #[test]
    fn folded_positions_lead_back_to_the_written_text() {
        let s = Sentence::new("Bầu huyện Na Rì làm Cụm Trưởng", 0);
        let at = s.folded.find("na ri").unwrap();
        assert_eq!(s.original(at, at + 5), "Na Rì");
        assert!(s.capitalised_at(at));
        assert!(!s.capitalised_at(s.folded.find("huyen").unwrap()));
    }

    #[test]
    fn curly_quotes_and_dashes_are_made_plain() {
        assert_eq!(normalise("«Đoàn kết – Sáng tạo»"), "“Đoàn kết - Sáng tạo”");
    }
}
