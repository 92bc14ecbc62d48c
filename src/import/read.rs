//! A file an admin imports, as rows of text cells: .xlsx (calamine: the
//! first sheet, or the one whose name is asked for) or CSV in UTF-8 (with
//! or without a byte-order mark) or Windows-1258, the code page older
//! Vietnamese Excel versions save CSV in. Excel numbers and dates become
//! the text a clerk would type ("1854,5", "07/02/2023"), so one set of
//! parsers reads every source.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::Datelike;
use unicode_normalization::UnicodeNormalization;

/// The cells of one sheet, each row numbered as the spreadsheet shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    pub sheet: Option<String>,
    pub rows: Vec<(usize, Vec<String>)>,
    /// The text was not UTF-8 and was read as Windows-1258.
    pub read_as_cp1258: bool,
}

#[derive(Debug, PartialEq)]
pub enum ReadError {
    NotASpreadsheet,
    NoSheet(String),
    Empty,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotASpreadsheet => f.write_str(
                "Tệp không phải bảng tính Excel (.xlsx) hay CSV đọc được. Hãy lưu lại bằng Excel dưới dạng .xlsx, hoặc CSV UTF-8.",
            ),
            ReadError::NoSheet(name) => write!(f, "Tệp không có trang tính “{name}”."),
            ReadError::Empty => f.write_str("Tệp không có dòng dữ liệu nào."),
        }
    }
}

/// Every sheet of the file (a CSV file has one), in order.
pub fn read_all(file_name: &str, bytes: &[u8]) -> Result<Vec<Rows>, ReadError> {
    if !is_xlsx(file_name, bytes) {
        return Ok(vec![read(file_name, bytes, None)?]);
    }
    let book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|_| ReadError::NotASpreadsheet)?;
    let names = book.sheet_names();
    let sheets: Vec<Rows> = names
        .iter()
        .filter_map(|n| read(file_name, bytes, Some(n)).ok())
        .collect();
    if sheets.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(sheets)
}

fn is_xlsx(file_name: &str, bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || file_name.to_lowercase().ends_with(".xlsx")
}

/// Reads `bytes`, named `file_name` (its extension tells the format;
/// a zip signature means xlsx whatever the name).
pub fn read(file_name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Rows, ReadError> {
    let rows = if is_xlsx(file_name, bytes) {
        read_xlsx(bytes, sheet)?
    } else {
        read_csv(bytes)?
    };
    if rows
        .rows
        .iter()
        .all(|(_, cells)| cells.iter().all(|c| c.trim().is_empty()))
    {
        return Err(ReadError::Empty);
    }
    Ok(rows)
}

fn read_xlsx(bytes: &[u8], wanted: Option<&str>) -> Result<Rows, ReadError> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|_| ReadError::NotASpreadsheet)?;
    let names = book.sheet_names();
    let name = match wanted {
        Some(w) => names
            .iter()
            .find(|n| n.as_str() == w)
            .cloned()
            .ok_or_else(|| ReadError::NoSheet(w.to_string()))?,
        None => names.first().cloned().ok_or(ReadError::Empty)?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|_| ReadError::NotASpreadsheet)?;
    // calamine's rows start at the range's first used cell.
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut texts: Vec<String> = vec![String::new(); first_col];
            texts.extend(cells.iter().map(cell_text));
            (first_row + i + 1, texts)
        })
        .collect();
    Ok(Rows {
        sheet: Some(name),
        rows,
        read_as_cp1258: false,
    })
}

/// A cell as the text a clerk would type in the form.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.nfc().collect(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => if *b { "có" } else { "" }.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) => {
                let day = dt.date();
                format!("{:02}/{:02}/{}", day.day(), day.month(), day.year())
            }
            None => float_text(d.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) => String::new(),
    }
}

/// An Excel number the Vietnamese way, as typed: 1854.5 → "1854,5",
/// 2022 → "2022" (no thousands dot, so a year stays a year).
fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let text = format!("{f}");
    text.replace('.', ",")
}

fn read_csv(bytes: &[u8]) -> Result<Rows, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, read_as_cp1258) = match std::str::from_utf8(bytes) {
        Ok(t) => (t.to_string(), false),
        Err(_) => {
            let (decoded, _, had_errors) = encoding_rs::WINDOWS_1258.decode(bytes);
            if had_errors {
                return Err(ReadError::NotASpreadsheet);
            }
            // Windows-1258 writes tone marks as combining characters.
            (decoded.nfc().collect::<String>(), true)
        }
    };
    if text.contains('\0') {
        return Err(ReadError::NotASpreadsheet);
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        // Numbered by the line the record is on, as a text editor or Excel
        // shows it: the reader skips blank lines, which still count.
        let mut start = (reader.position().byte() as usize).min(text.len());
        let more = reader
            .read_record(&mut record)
            .map_err(|_| ReadError::NotASpreadsheet)?;
        if !more {
            break;
        }
        while text
            .as_bytes()
            .get(start)
            .is_some_and(|b| *b == b'\r' || *b == b'\n')
        {
            start += 1;
        }
        let line = text.as_bytes()[..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        rows.push((line, record.iter().map(|c| c.nfc().collect()).collect()));
    }
    Ok(Rows {
        sheet: None,
        rows,
        read_as_cp1258,
    })
}

/// Excel in a Vietnamese locale saves CSV with ";" between cells (the
/// comma is the decimal mark): whichever of the two the first line holds
/// more of, outside quotes.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut quoted = false;
    let (mut commas, mut semicolons) = (0, 0);
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_utf8_with_or_without_a_mark_and_windows_line_ends() {
        let plain = read(
            "a.csv",
            "Tên đơn vị,Loại\r\nLộc Hà,huyện\r\n".as_bytes(),
            None,
        )
        .unwrap();
        let marked = read(
            "a.csv",
            "\u{feff}Tên đơn vị,Loại\r\nLộc Hà,huyện\r\n".as_bytes(),
            None,
        )
        .unwrap();
        assert_eq!(plain.rows, marked.rows);
        assert_eq!(
            plain.rows[1],
            (2, vec!["Lộc Hà".to_string(), "huyện".to_string()])
        );
        assert!(!plain.read_as_cp1258);
    }

    #[test]
    fn csv_in_windows_1258_is_read_and_made_nfc() {
        // "Tên đơn vị;Loại\nLộc Hà;huyện": the dot below of "ị", "ạ", "ộ"
        // and "ệ" and the grave of "à" as combining marks (0xF2, 0xCC).
        let bytes = b"T\xean \xf0\xf5n vi\xf2;Loa\xf2i\nL\xf4\xf2c Ha\xcc;huy\xea\xf2n\n";
        let rows = read("cu.csv", bytes, None).unwrap();
        assert!(rows.read_as_cp1258);
        assert_eq!(rows.rows[1].1, ["Lộc Hà", "huyện"]);
        assert_eq!(rows.rows[0].1[0], "Tên đơn vị".nfc().collect::<String>());
    }

    #[test]
    fn excel_dates_and_numbers_become_the_text_a_clerk_types() {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let date = ExcelDateTime::from_ymd(2023, 2, 7).unwrap();
        sheet
            .write_datetime_with_format(0, 0, &date, &Format::new().set_num_format("dd/mm/yyyy"))
            .unwrap();
        sheet.write_number(0, 1, 1854.5).unwrap();
        sheet.write_number(0, 2, 2022.0).unwrap();
        sheet.write_string(0, 3, "Lộc Hà").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let rows = read("x.xlsx", &bytes, None).unwrap();
        assert_eq!(
            rows.rows[0],
            (
                1,
                vec![
                    "07/02/2023".into(),
                    "1854,5".into(),
                    "2022".into(),
                    "Lộc Hà".into()
                ]
            )
        );
    }

    #[test]
    fn excel_numbers_read_as_typed() {
        assert_eq!(float_text(1854.5), "1854,5");
        assert_eq!(float_text(2022.0), "2022");
    }

    #[test]
    fn an_empty_file_or_a_binary_one_is_refused_with_a_reason() {
        assert_eq!(read("a.csv", b"\n,,\n", None), Err(ReadError::Empty));
        assert_eq!(
            read("a.xlsx", b"PK\x03\x04broken", None),
            Err(ReadError::NotASpreadsheet)
        );
    }
}
