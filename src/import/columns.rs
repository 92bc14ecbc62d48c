//! Finding a file's header row and its columns: headers in any order, with
//! or without diacritics, in the spellings boards use ("Tên đơn vị",
//! "Đơn vị", "ten don vi"). Rows above the header (a title, merged cells)
//! and blank rows are passed over.

use crate::domain::fold::fold_for_search;

/// One column an import reads: its name in messages, and the header
/// spellings that mean it (folded: lower case, no diacritics).
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub spellings: &'static [&'static str],
    pub required: bool,
}

/// Where each field was found in the file.
pub struct Columns {
    /// The spreadsheet's row number of the header.
    pub header_row: usize,
    positions: Vec<(&'static str, usize)>,
}

impl Columns {
    pub fn get<'a>(&self, key: &str, row: &'a [String]) -> &'a str {
        self.positions
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, i)| row.get(*i))
            .map_or("", |c| c.trim())
    }

    pub fn has(&self, key: &str) -> bool {
        self.positions.iter().any(|(k, _)| *k == key)
    }
}

/// Header text folded for matching: lower case, no diacritics, no
/// punctuation, single spaces ("Từ năm (*)" → "tu nam").
pub fn fold_header(text: &str) -> String {
    fold_for_search(text)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many of `fields` a row's cells name.
fn matches(row: &[String], fields: &[Field]) -> usize {
    fields
        .iter()
        .filter(|f| {
            row.iter()
                .any(|c| f.spellings.contains(&fold_header(c).as_str()))
        })
        .count()
}

/// The header row: the first of the first 20 rows naming every required
/// field; None when no row does.
pub fn find(rows: &[(usize, Vec<String>)], fields: &[Field]) -> Option<(usize, Columns)> {
    let required: Vec<&Field> = fields.iter().filter(|f| f.required).collect();
    rows.iter()
        .take(20)
        .enumerate()
        .find_map(|(at, (number, cells))| {
            let folded: Vec<String> = cells.iter().map(|c| fold_header(c)).collect();
            let named = |f: &Field| {
                folded
                    .iter()
                    .position(|c| f.spellings.contains(&c.as_str()))
            };
            if !required.iter().all(|f| named(f).is_some()) {
                return None;
            }
            let positions = fields
                .iter()
                .filter_map(|f| Some((f.key, named(f)?)))
                .collect();
            Some((
                at,
                Columns {
                    header_row: *number,
                    positions,
                },
            ))
        })
}

/// How well a file's first rows fit `fields`, to tell which kind it is.
pub fn score(rows: &[(usize, Vec<String>)], fields: &[Field]) -> usize {
    rows.iter()
        .take(20)
        .map(|(_, r)| matches(r, fields))
        .max()
        .unwrap_or(0)
}
