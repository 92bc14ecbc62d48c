//! Vietnamese alphabetical order (a ă â b c d đ e ê …, tones after the
//! base letter), from ICU4X's CLDR collation data rather than a home-made
//! table. SQL `ORDER BY name` compares bytes, which puts "Đà Nẵng" after
//! "Yên Bái"; every list a reader scans by name is sorted here instead.
//!
//! Numbers in names sort by value: "số 2" before "số 12", and a Roman
//! numeral written in capitals ("Cụm thi đua số IX") as the number it is,
//! so clusters I, II, … IX, X, XI come in their order, not I, II, … IX, V.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::preferences::CollationNumericOrdering;
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use icu_locale_core::locale;

use super::fold::roman_value;

/// One collator for the process: building it reads the compiled data once.
fn collator() -> &'static CollatorBorrowed<'static> {
    static COLLATOR: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    COLLATOR.get_or_init(|| {
        // The Vietnamese data is compiled into the binary (the crate's
        // `compiled_data` feature), so loading it cannot fail at run time.
        let mut prefs = CollatorPreferences::from(locale!("vi"));
        prefs.numeric_ordering = Some(CollationNumericOrdering::True);
        #[allow(clippy::expect_used)]
        Collator::try_new(prefs, CollatorOptions::default())
            .expect("compiled Vietnamese collation data")
    })
}

/// The name with each Roman numeral in capitals written in digits.
fn with_numbers(name: &str) -> Cow<'_, str> {
    let is_roman_word =
        |w: &str| w.chars().all(|c| "IVXLCDM".contains(c)) && roman_value(w).is_some();
    if !name
        .split(|c: char| !c.is_alphanumeric())
        .any(is_roman_word)
    {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        match roman_value(word).filter(|_| is_roman_word(word)) {
            Some(n) => out.push_str(&n.to_string()),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in name.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    Cow::Owned(out)
}

/// Compares two names in Vietnamese alphabetical order.
pub fn compare(a: &str, b: &str) -> Ordering {
    collator().compare(&with_numbers(a), &with_numbers(b))
}

/// A name as a sort key in Vietnamese order.
struct Key(String);

impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        collator().compare(&self.0, &other.0)
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Key {}

/// Sorts by the name `key` gives, in Vietnamese order; stable, so rows
/// with equal names keep the order they came in (e.g. by id).
pub fn sort_by_name<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|item| Key(with_numbers(key(item)).into_owned()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&'static str]) -> Vec<&'static str> {
        let mut v = names.to_vec();
        sort_by_name(&mut v, |s| s);
        v
    }

    #[test]
    fn letters_in_vietnamese_order() {
        // Byte order would put every accented capital (Ă, Â, Đ, Ê, Ô, Ơ, Ư)
        // after Z.
        assert_eq!(
            sorted(&[
                "Yên Bái",
                "Đà Nẵng",
                "Ân Thi",
                "Bắc Ninh",
                "Dĩ An",
                "An Giang",
                "Ea Súp"
            ]),
            [
                "An Giang",
                "Ân Thi",
                "Bắc Ninh",
                "Dĩ An",
                "Đà Nẵng",
                "Ea Súp",
                "Yên Bái"
            ]
        );
        assert_eq!(
            sorted(&["ư", "ơ", "ô", "o", "ê", "e", "đ", "d", "â", "ă", "a", "u"]),
            ["a", "ă", "â", "d", "đ", "e", "ê", "o", "ô", "ơ", "u", "ư"]
        );
    }

    #[test]
    fn tones_after_the_base_letter() {
        // Tones only break ties between otherwise equal words: the order of
        // Vietnamese dictionaries, level, grave, hook, tilde, acute, dot.
        assert_eq!(
            sorted(&["Hạ", "Há", "Hã", "Hả", "Hà", "Ha"]),
            ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ"]
        );
        // A tone does not outrank the next letter: "Hà Tĩnh" before "Hai".
        assert_eq!(
            sorted(&["Hai Bà Trưng", "Hà Tĩnh"]),
            ["Hà Tĩnh", "Hai Bà Trưng"]
        );
    }

    #[test]
    fn numbers_by_value() {
        assert_eq!(
            sorted(&["Cụm số 12", "Cụm số 2", "Cụm số 1"]),
            ["Cụm số 1", "Cụm số 2", "Cụm số 12"]
        );
        assert_eq!(
            sorted(&[
                "Cụm thi đua số XII",
                "Cụm thi đua số V",
                "Cụm thi đua số IX",
                "Cụm thi đua số II",
                "Cụm thi đua số I",
            ]),
            [
                "Cụm thi đua số I",
                "Cụm thi đua số II",
                "Cụm thi đua số V",
                "Cụm thi đua số IX",
                "Cụm thi đua số XII",
            ]
        );
        // Only capitals are numerals: "Vi" and "Mi" are words.
        assert_eq!(with_numbers("Vi Mi II"), "Vi Mi 2");
    }

    #[test]
    fn normal_form_does_not_matter() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "Đà Nẵng".nfd().collect();
        assert_eq!(compare(&nfd, "Đà Nẵng"), Ordering::Equal);
        assert_eq!(compare(&nfd, "Dương Kinh"), Ordering::Greater);
    }
}
