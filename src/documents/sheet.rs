//! A table meant for a spreadsheet: typed cells under Vietnamese headers.
//! Each download builds its tables once as sheets; `xlsx` and `csv` write
//! them, so the Excel and CSV files of a page never disagree.

use chrono::{Datelike, NaiveDate};

use crate::domain::number::Decimal;

/// One cell, typed so that Excel gets numbers and dates, not text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Integer(i64),
    /// A reported figure, kept with the decimals it was written with.
    Decimal(Decimal),
    Date(NaiveDate),
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text)
        }
    }

    pub fn opt_text(text: Option<&str>) -> Cell {
        text.map_or(Cell::Empty, Cell::text)
    }

    pub fn opt_integer(n: Option<i32>) -> Cell {
        n.map_or(Cell::Empty, |n| Cell::Integer(n.into()))
    }

    /// A stored plain decimal ("525.2"); text that is not one stays text
    /// rather than being lost.
    pub fn stored_decimal(stored: Option<&str>) -> Cell {
        match stored {
            None => Cell::Empty,
            Some(s) => Decimal::parse_plain(s).map_or_else(|_| Cell::text(s), Cell::Decimal),
        }
    }

    /// How many characters the cell shows, for the column's width.
    fn shown_width(&self) -> usize {
        match self {
            Cell::Empty => 0,
            Cell::Text(t) => t.lines().map(|l| l.chars().count()).max().unwrap_or(0),
            Cell::Integer(n) => crate::domain::number::count(*n).chars().count(),
            Cell::Decimal(d) => d.to_vietnamese().chars().count(),
            Cell::Date(_) => 10,
        }
    }

    /// The cell as CSV text: numbers in the plain form any program reads
    /// (525.2), dates the Vietnamese way (07/02/2023).
    pub fn csv_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Integer(n) => n.to_string(),
            Cell::Decimal(d) => d.to_plain(),
            Cell::Date(d) => format!("{:02}/{:02}/{}", d.day(), d.month(), d.year()),
        }
    }
}

pub struct Sheet {
    /// The tab's name (Excel allows 31 characters).
    pub name: String,
    /// A line above the table saying what it is, or nothing.
    pub title: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Columns are never narrower or wider than this many characters; longer
/// text wraps.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 48;

impl Sheet {
    pub fn new(name: &str, headers: &[&str]) -> Sheet {
        Sheet {
            name: name.to_string(),
            title: None,
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn with_title(mut self, title: String) -> Sheet {
        self.title = Some(title);
        self
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.headers.len(), "a row per header");
        self.rows.push(row);
    }

    /// Each column's width in characters, from its widest cell; a header
    /// wraps at its spaces, so its longest word counts, not its length.
    pub fn widths(&self) -> Vec<f64> {
        (0..self.headers.len())
            .map(|i| {
                let header = self.headers[i]
                    .split_whitespace()
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(0)
                    .max(self.headers[i].chars().count().min(16));
                let cells = self
                    .rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(Cell::shown_width)
                    .max()
                    .unwrap_or(0);
                (header.max(cells) + 2).clamp(MIN_WIDTH, MAX_WIDTH) as f64
            })
            .collect()
    }
}
