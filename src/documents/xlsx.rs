//! Sheets as an Excel workbook: numbers as numbers (with the decimals
//! they were written with), dates as dates shown dd/mm/yyyy, a bold header
//! row that stays in view, a filter on it, and columns sized to content.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

use super::sheet::{Cell, Sheet};
use chrono::Datelike;

pub fn write(title: &str, sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&DocProperties::new().set_title(title));
    let heading = Format::new().set_bold().set_font_size(13);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color("#E8EEF5");
    let text = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let date = text.clone().set_num_format("dd/mm/yyyy");
    // One format per number of decimals, made on first use.
    let mut number_formats: Vec<Option<Format>> = vec![None; 8];
    for sheet in sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(sheet_name(&sheet.name))?;
        let mut row: u32 = 0;
        if let Some(t) = &sheet.title {
            ws.write_string_with_format(row, 0, t, &heading)?;
            row += 2;
        }
        let header_row = row;
        for (col, h) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(row, col as u16, h, &header)?;
        }
        for (col, width) in sheet.widths().into_iter().enumerate() {
            ws.set_column_width(col as u16, width)?;
        }
        for cells in &sheet.rows {
            row += 1;
            for (col, cell) in cells.iter().enumerate() {
                let col = col as u16;
                match cell {
                    Cell::Empty => {
                        ws.write_blank(row, col, &text)?;
                    }
                    Cell::Text(t) => {
                        ws.write_string_with_format(row, col, t, &text)?;
                    }
                    Cell::Integer(n) => {
                        let f = number_format(&mut number_formats, &text, 0);
                        ws.write_number_with_format(row, col, *n as f64, f)?;
                    }
                    Cell::Decimal(d) => {
                        let f = number_format(&mut number_formats, &text, d.scale());
                        ws.write_number_with_format(row, col, d.to_f64(), f)?;
                    }
                    Cell::Date(d) => {
                        let day = ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )?;
                        ws.write_datetime_with_format(row, col, &day, &date)?;
                    }
                }
            }
        }
        ws.set_freeze_panes(header_row + 1, 0)?;
        if !sheet.headers.is_empty() {
            ws.autofilter(
                header_row,
                0,
                row.max(header_row),
                sheet.headers.len() as u16 - 1,
            )?;
        }
    }
    workbook.save_to_buffer()
}

/// "#,##0" or "#,##0.0…": Excel shows the separators of the reader's
/// locale (1.854,5 in Vietnamese), with the decimals the figure was
/// written with.
fn number_format<'a>(formats: &'a mut [Option<Format>], base: &Format, scale: u8) -> &'a Format {
    let scale = (scale as usize).min(formats.len() - 1);
    formats[scale].get_or_insert_with(|| {
        let pattern = if scale == 0 {
            "#,##0".to_string()
        } else {
            format!("#,##0.{}", "0".repeat(scale))
        };
        base.clone()
            .set_num_format(pattern)
            .set_align(FormatAlign::Right)
    })
}

/// Excel refuses tab names over 31 characters or with []:*?/\ in them.
fn sheet_name(name: &str) -> String {
    name.chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .take(31)
        .collect()
}
