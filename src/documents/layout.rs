//! An administrative document after Decree 30/2020/NĐ-CP, as data: the
//! issuer and national motto block, the number line, place and date, the
//! title, blocks of headings, paragraphs, lists and ruled tables, the
//! recipients and the signature blocks.
//!
//! The yearly report and the award dossier are built as such documents;
//! the printed page (HTML for A4) and the Word file both render them, so
//! they say the same words in the same order.

pub struct Document {
    /// The organising body, above the issuer ("UBND TỈNH BẮC KẠN").
    pub issuer_parent: String,
    /// The cluster, in capitals.
    pub issuer: String,
    /// "Số:      /BC-CTĐ": the number is given when the report is signed.
    pub number: String,
    /// "Bắc Kạn, ngày 07 tháng 02 năm 2023", or empty.
    pub place_date: String,
    /// "BÁO CÁO", "TỜ TRÌNH", "BIÊN BẢN".
    pub title: &'static str,
    /// The lines under the title: "Tổng kết công tác thi đua, khen
    /// thưởng năm 2022", "của …".
    pub subject: Vec<String>,
    pub blocks: Vec<Block>,
    /// The recipients after "Nơi nhận:", each a line; none for minutes.
    pub recipients: Vec<String>,
    /// One signature block, or two side by side (the minutes' secretary
    /// and chair).
    pub signatures: Vec<Signature>,
}

pub struct Signature {
    /// "TM. CỤM THI ĐUA SỐ 2", "CỤM TRƯỞNG".
    pub roles: Vec<String>,
    /// The chair unit, under the roles.
    pub unit: Option<String>,
    /// The signer, under the space for the signature.
    pub name: Option<String>,
}

pub enum Block {
    /// A numbered section's heading: "I. ĐẶC ĐIỂM, TÌNH HÌNH".
    Heading(String),
    Paragraph(String),
    /// A list of items, each ending as the report writes it (";").
    Bullets(Vec<String>),
    Table(Table),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

pub struct Column {
    pub header: &'static str,
    pub align: Align,
}

pub struct Table {
    pub title: String,
    /// "Đơn vị tính: …", or nothing.
    pub measure: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

impl Block {
    pub fn trimmed_table(t: Table) -> Block {
        Block::Table(t.trimmed())
    }

    // Askama matches on these from the print template.
    pub fn heading(&self) -> Option<&str> {
        match self {
            Block::Heading(t) => Some(t),
            _ => None,
        }
    }

    pub fn paragraph(&self) -> Option<&str> {
        match self {
            Block::Paragraph(t) => Some(t),
            _ => None,
        }
    }

    pub fn bullets(&self) -> Option<&[String]> {
        match self {
            Block::Bullets(items) => Some(items),
            _ => None,
        }
    }

    pub fn table(&self) -> Option<&Table> {
        match self {
            Block::Table(t) => Some(t),
            _ => None,
        }
    }
}

/// A column is never narrower than its longest word nor wider than this
/// many characters: longer text wraps within it.
const MAX_COLUMN_CHARS: usize = 60;

/// A column whose text is at most this long stays on one line when others
/// can wrap instead.
const SHORT_COLUMN_CHARS: usize = 18;

/// A cell's margins and a capital's extra width, in characters.
const CELL_PADDING_CHARS: usize = 3;

impl Table {
    /// The table without the columns no row fills ("Ghi chú" when no
    /// figure has a note): an empty column takes width and says nothing.
    fn trimmed(mut self) -> Table {
        let keep: Vec<bool> = (0..self.columns.len())
            .map(|i| {
                self.rows
                    .iter()
                    .any(|r| r.get(i).is_some_and(|c| !c.trim().is_empty()))
            })
            .collect();
        let mut i = 0;
        self.columns.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        for row in &mut self.rows {
            let mut i = 0;
            row.retain(|_| {
                i += 1;
                keep[i - 1]
            });
        }
        self
    }

    /// Each column's share of the table's width, in per mille, from its
    /// content. A table that fits is shared as its text is long. One that
    /// does not keeps its short columns (a number, a unit, a vote) on one
    /// line and wraps the long ones, each of which still gets its longest
    /// word (no word breaks) and, beyond that, room in proportion to how
    /// much longer its text is. `line` is how many characters fit across
    /// the page.
    pub fn shares(&self, line: usize) -> Vec<usize> {
        let n = self.columns.len();
        let mut least = vec![0usize; n];
        let mut most = vec![0usize; n];
        let cells = self
            .rows
            .iter()
            .flat_map(|r| r.iter().map(String::as_str).enumerate())
            .chain(self.columns.iter().map(|c| c.header).enumerate());
        for (i, text) in cells {
            let word = text
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            least[i] = least[i].max(word.min(MAX_COLUMN_CHARS) + CELL_PADDING_CHARS);
            most[i] = most[i].max(text.chars().count().min(MAX_COLUMN_CHARS) + CELL_PADDING_CHARS);
        }
        for i in 0..n {
            most[i] = most[i].max(least[i]);
        }
        let least_total: usize = least.iter().sum();
        let most_total: usize = most.iter().sum();
        let short = |i: usize| most[i] <= SHORT_COLUMN_CHARS;
        let short_total: usize = (0..n).filter(|&i| short(i)).map(|i| most[i]).sum();
        let long_least: usize = (0..n).filter(|&i| !short(i)).map(|i| least[i]).sum();
        let long_most: usize = (0..n).filter(|&i| !short(i)).map(|i| most[i]).sum();
        let widths: Vec<f64> = if most_total <= line {
            most.iter().map(|&m| m as f64).collect()
        } else if short_total + long_least < line && long_most > long_least {
            let spare = (line - short_total - long_least) as f64;
            let wanted = (long_most - long_least) as f64;
            (0..n)
                .map(|i| {
                    if short(i) {
                        most[i] as f64
                    } else {
                        least[i] as f64 + (most[i] - least[i]) as f64 * spare / wanted
                    }
                })
                .collect()
        } else if least_total < line {
            let spare = (line - least_total) as f64;
            let wanted = (most_total - least_total) as f64;
            (0..n)
                .map(|i| least[i] as f64 + (most[i] - least[i]) as f64 * spare / wanted)
                .collect()
        } else {
            least.iter().map(|&l| l as f64).collect()
        };
        let total: f64 = widths.iter().sum::<f64>().max(1.0);
        let mut shares: Vec<usize> = widths
            .iter()
            .map(|w| (w * 1000.0 / total) as usize)
            .collect();
        // Rounding down leaves a few per mille: give them to the widest.
        let left = 1000 - shares.iter().sum::<usize>();
        if let Some(widest) = (0..n).max_by_key(|&i| shares[i]) {
            shares[widest] += left;
        }
        shares
    }
}

impl Table {
    /// Each column's width as a whole per cent of the table's, for the
    /// print's `w1`…`w100` classes (the page allows no inline style).
    pub fn percents(&self) -> Vec<usize> {
        let mut percents: Vec<usize> = self
            .shares(LINE_CHARS)
            .into_iter()
            .map(|s| ((s + 5) / 10).max(1))
            .collect();
        let total: usize = percents.iter().sum();
        if let Some(widest) = (0..percents.len()).max_by_key(|&i| percents[i]) {
            percents[widest] = (percents[widest] + 100).saturating_sub(total).max(1);
        }
        percents
    }
}

/// Characters of 13 pt table text across the 165 mm between an A4 page's
/// margins, on paper and in the Word file alike.
pub const LINE_CHARS: usize = 72;

impl Align {
    /// The print's cell class.
    pub fn class(&self) -> &'static str {
        match self {
            Align::Left => "l",
            Align::Center => "c",
            Align::Right => "r",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            title: String::new(),
            measure: None,
            columns: ["TT", "Đơn vị", "Hình thức khen thưởng", "Ghi chú"]
                .into_iter()
                .map(|header| Column {
                    header,
                    align: Align::Left,
                })
                .collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
        }
    }

    #[test]
    fn a_column_keeps_its_longest_word_and_long_text_takes_the_rest() {
        let t = table(&[&[
            "1",
            "huyện Vũ Quang",
            "Cờ thi đua của Chính phủ",
            "Quyết định số 123/QĐ-TTg ngày 10/05/2023 của Thủ tướng Chính phủ về việc tặng Cờ thi đua của Chính phủ",
        ]]);
        let shares = t.shares(72);
        assert_eq!(shares.iter().sum::<usize>(), 1000);
        // "TT" and "1" need 2 characters and a cell's margins.
        let chars = |share: usize| share as f64 * 72.0 / 1000.0;
        assert!(chars(shares[0]) >= 4.9, "{shares:?}");
        // "Hình thức khen thưởng" never breaks inside "thưởng".
        assert!(chars(shares[2]) >= 8.9, "{shares:?}");
        // The long decision gets the most room.
        assert!(shares[3] > shares[1] && shares[3] > shares[2], "{shares:?}");
    }

    #[test]
    fn a_narrow_table_keeps_its_natural_proportions() {
        let t = table(&[&["1", "Na Rì", "Bằng khen", "—"]]);
        let shares = t.shares(72);
        assert_eq!(shares.iter().sum::<usize>(), 1000);
        assert!(shares[2] > shares[0]);
    }

    #[test]
    fn empty_columns_are_left_out() {
        let t = table(&[&["1", "Na Rì", "Bằng khen", ""], &["2", "Chợ Mới", "", " "]]).trimmed();
        let headers: Vec<&str> = t.columns.iter().map(|c| c.header).collect();
        assert_eq!(headers, ["TT", "Đơn vị", "Hình thức khen thưởng"]);
        assert!(t.rows.iter().all(|r| r.len() == 3));
    }
}
