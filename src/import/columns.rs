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

/// Fields several kinds read the same way.
pub const CLUSTER: Field = Field {
    key: "cluster",
    label: "Cụm, khối",
    spellings: &["cum khoi", "cum", "khoi", "cum thi dua", "khoi thi dua"],
    required: false,
};
pub const YEAR: Field = Field {
    key: "year",
    label: "Năm",
    spellings: &["nam"],
    required: false,
};
/// The organising body, telling apart clusters of one name.
pub const BODY: Field = Field {
    key: "body",
    label: "Cơ quan tổ chức",
    spellings: &["co quan to chuc", "don vi to chuc"],
    required: false,
};
pub const NOTE: Field = Field {
    key: "note",
    label: "Ghi chú",
    spellings: &["ghi chu"],
    required: false,
};
/// A row's number in the sheet ("STT"), read so it is no indicator.
pub const ROW_NUMBER: Field = Field {
    key: "number",
    label: "STT",
    spellings: &["stt", "tt", "so tt", "so thu tu"],
    required: false,
};

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

    /// Whether a field was found at the header's `index`th cell.
    pub fn claims(&self, index: usize) -> bool {
        self.positions.iter().any(|(_, i)| *i == index)
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
            // A header names its kind's required fields, and at least one
            // field where none is required.
            if !required.iter().all(|f| named(f).is_some())
                || !fields.iter().any(|f| named(f).is_some())
            {
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

/// One data row as an import kind reads it: each field's text by key, the
/// field's header for messages, and the checks every kind makes on a
/// cell, each error recorded against the row and column.
pub struct Line<'a> {
    /// The row as the spreadsheet numbers it.
    pub number: usize,
    pub cells: &'a [String],
    cols: &'a Columns,
    fields: &'static [Field],
}

/// The data rows below the header, blank rows passed over.
pub fn lines<'a>(
    rows: &'a [(usize, Vec<String>)],
    cols: &'a Columns,
    fields: &'static [Field],
) -> impl Iterator<Item = Line<'a>> {
    rows.iter()
        .filter(move |(n, cells)| {
            *n > cols.header_row && cells.iter().any(|c| !c.trim().is_empty())
        })
        .map(move |(n, cells)| Line {
            number: *n,
            cells,
            cols,
            fields,
        })
}

impl<'a> Line<'a> {
    pub fn get(&self, key: &str) -> &'a str {
        self.cols.get(key, self.cells)
    }

    /// The field's text, None when the cell is empty.
    pub fn text(&self, key: &str) -> Option<String> {
        Some(self.get(key))
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    }

    /// The field's header as the template writes it.
    pub fn label(&self, key: &str) -> &'static str {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map_or("", |f| f.label)
    }

    pub fn error(&self, plan: &mut super::Plan, key: &str, message: impl Into<String>) {
        plan.error(self.number, self.label(key), message);
    }

    /// A whole number in `range`; None (and an error naming `what`) when
    /// the cell holds something else, None when it is empty.
    pub fn whole(
        &self,
        plan: &mut super::Plan,
        key: &str,
        range: std::ops::RangeInclusive<i32>,
        what: &str,
    ) -> Option<i32> {
        let text = self.get(key);
        if text.is_empty() {
            return None;
        }
        match text.parse::<i32>() {
            Ok(n) if range.contains(&n) => Some(n),
            _ => {
                self.error(plan, key, format!("“{text}” không phải {what}."));
                None
            }
        }
    }

    pub fn year(&self, plan: &mut super::Plan, key: &str) -> Option<i32> {
        self.whole(plan, key, 1945..=2100, "một năm (ví dụ: 2021)")
    }
}
