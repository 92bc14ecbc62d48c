//! The folded texts search looks through, kept in memory until the data
//! version moves.
//!
//! A word matches anywhere in a name, so no B-tree index can find it: in
//! the database every search scanned the folded names of all people and
//! conferences (26,000 rows at a country's scale, ~10 ms a search). Here
//! each kind's texts are held in the order results are listed, with the
//! distinct words they are made of and where each occurs. A query word
//! without punctuation lies inside one word of a text, so looking it up
//! in the vocabulary (a few thousand syllables) finds every text that has
//! it; the database is asked only about the candidates found. Which
//! records the viewer may see is still decided by the database per
//! search, so the corpus holds drafts' names too and is shared by all.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::memo::Memo;
use crate::schema::*;

/// One kind of result: its rows in the order they are listed, their
/// folded texts, and each distinct word with the rows it occurs in.
pub struct Texts<T> {
    rows: Vec<T>,
    texts: Vec<Box<str>>,
    words: Vec<(Box<str>, Vec<u32>)>,
}

impl<T> Texts<T> {
    fn new(rows: Vec<(T, String)>) -> Self {
        let mut postings: HashMap<&str, Vec<u32>> = HashMap::new();
        for (at, (_, text)) in rows.iter().enumerate() {
            for word in text.split(|c: char| !c.is_alphanumeric()) {
                if word.is_empty() {
                    continue;
                }
                let list = postings.entry(word).or_default();
                // Rows are visited in order: a repeated word repeats the last.
                if list.last() != Some(&(at as u32)) {
                    list.push(at as u32);
                }
            }
        }
        let words = postings
            .into_iter()
            .map(|(word, list)| (Box::from(word), list))
            .collect();
        let (rows, texts) = rows
            .into_iter()
            .map(|(row, text)| (row, text.into_boxed_str()))
            .unzip();
        Texts { rows, texts, words }
    }

    /// The rows whose text has every one of `query` (folded words) and
    /// passes `accept`, in order.
    pub fn matching<'a>(
        &'a self,
        query: &[String],
        accept: impl Fn(&str) -> bool + 'a,
    ) -> impl Iterator<Item = &'a T> + 'a {
        let mut found = Bits::all(self.rows.len());
        for word in query {
            found.and(&self.having(word));
        }
        found
            .ones()
            .filter(move |&at| accept(&self.texts[at]))
            .map(move |at| &self.rows[at])
    }

    /// The rows whose text contains `word`.
    fn having(&self, word: &str) -> Bits {
        let mut bits = Bits::none(self.rows.len());
        if word.chars().all(char::is_alphanumeric) {
            for (w, list) in &self.words {
                if w.contains(word) {
                    for &at in list {
                        bits.set(at as usize);
                    }
                }
            }
        } else {
            // Punctuation ("2021-2025") can span words: read the texts.
            for (at, text) in self.texts.iter().enumerate() {
                if text.contains(word) {
                    bits.set(at);
                }
            }
        }
        bits
    }
}

/// A set of row positions.
struct Bits(Vec<u64>);

impl Bits {
    fn none(len: usize) -> Self {
        Bits(vec![0; len.div_ceil(64)])
    }

    fn all(len: usize) -> Self {
        let mut bits = Bits(vec![u64::MAX; len.div_ceil(64)]);
        if !len.is_multiple_of(64)
            && let Some(last) = bits.0.last_mut()
        {
            *last = (1u64 << (len % 64)) - 1;
        }
        bits
    }

    fn set(&mut self, at: usize) {
        self.0[at / 64] |= 1 << (at % 64);
    }

    fn and(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
    }

    fn ones(self) -> impl Iterator<Item = usize> {
        self.0.into_iter().enumerate().flat_map(|(i, mut word)| {
            std::iter::from_fn(move || {
                if word == 0 {
                    return None;
                }
                let bit = word.trailing_zeros() as usize;
                word &= word - 1;
                Some(i * 64 + bit)
            })
        })
    }
}

/// Each kind's texts. Rows are ids, and a conference's cluster-year too,
/// whose visibility it follows.
pub struct Corpus {
    /// By name.
    pub clusters: Texts<i32>,
    /// By name.
    pub units: Texts<i32>,
    /// By full name, then id.
    pub people: Texts<i32>,
    /// Newest first: (conference, cluster-year).
    pub conferences: Texts<(i32, i32)>,
}

/// One corpus per database (tests open several at once).
static CORPUS: Memo<Corpus> = Memo::new(8);

/// The corpus of the current data version, read once per version.
pub fn current(conn: &mut DbConn) -> QueryResult<std::sync::Arc<Corpus>> {
    CORPUS.get_or_compute(conn, "search".into(), load)
}

fn load(conn: &mut DbConn) -> QueryResult<Corpus> {
    let clusters = clusters::table
        .order((clusters::name, clusters::id))
        .select((clusters::id, clusters::search_text))
        .load(conn)?;
    // Sorted here: no index orders units by name, and a sort of a few
    // thousand names costs less than keeping one.
    let mut units: Vec<(i32, String, String)> = units::table
        .select((units::id, units::name, units::search_text))
        .load(conn)?;
    units.sort_unstable_by(|a, b| (&a.1, a.0).cmp(&(&b.1, b.0)));
    let units = units
        .into_iter()
        .map(|(id, _, folded)| (id, folded))
        .collect();
    let people = people::table
        .order((people::full_name, people::id))
        .select((people::id, people::search_text))
        .load(conn)?;
    let conferences: Vec<(i32, i32, String)> = conferences::table
        .order((conferences::held_on.desc(), conferences::id.desc()))
        .select((
            conferences::id,
            conferences::cluster_year_id,
            conferences::search_text,
        ))
        .load(conn)?;
    Ok(Corpus {
        clusters: Texts::new(clusters),
        units: Texts::new(units),
        people: Texts::new(people),
        conferences: Texts::new(
            conferences
                .into_iter()
                .map(|(id, year, folded)| ((id, year), folded))
                .collect(),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[&str]) -> Texts<usize> {
        Texts::new(
            rows.iter()
                .enumerate()
                .map(|(i, t)| (i, t.to_string()))
                .collect(),
        )
    }

    fn found(t: &Texts<usize>, query: &[&str]) -> Vec<usize> {
        let query: Vec<String> = query.iter().map(|w| w.to_string()).collect();
        t.matching(&query, |_| true).copied().collect()
    }

    #[test]
    fn a_word_is_found_inside_any_word_of_a_text_in_order() {
        let t = texts(&[
            "huyen na ri",
            "loc ha",
            "nam dinh",
            "thi xa bac kan",
            "na hang",
        ]);
        assert_eq!(found(&t, &["na"]), vec![0, 2, 4]);
        assert_eq!(found(&t, &["na", "ri"]), vec![0]);
        assert_eq!(found(&t, &["oc"]), vec![1]);
        assert_eq!(found(&t, &["zz"]), Vec::<usize>::new());
        assert_eq!(found(&t, &[]), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn punctuation_in_a_word_reads_the_texts() {
        let t = texts(&["giai doan 2021-2025", "nam 2021", "2025-2030"]);
        assert_eq!(found(&t, &["2021-2025"]), vec![0]);
        assert_eq!(found(&t, &["1-20"]), vec![0]);
    }

    #[test]
    fn many_rows_cross_the_bitset_words() {
        let rows: Vec<String> = (0..130).map(|i| format!("row{i}")).collect();
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        let t = texts(&refs);
        assert_eq!(
            found(&t, &["row12"]),
            vec![12, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129]
        );
        assert_eq!(found(&t, &[]).len(), 130);
    }
}
