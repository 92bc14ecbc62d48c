//! A sheet as a CSV file: UTF-8 with a byte-order mark, since Excel reads a
//! CSV file as UTF-8 (and the Vietnamese names right) only after it.

use super::sheet::Sheet;

const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// The header row, then one line per row; the sheet's title is left out
/// so that the first line is the header a program expects.
pub fn write(sheet: &Sheet) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(BYTE_ORDER_MARK.to_vec());
    out.write_record(&sheet.headers)?;
    for row in &sheet.rows {
        out.write_record(row.iter().map(|c| c.csv_text()))?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}
