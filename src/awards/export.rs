//! The award tallies as a CSV file, with the page's filters: every unit,
//! not one page of them, for a spreadsheet. UTF-8 with a byte-order mark,
//! so that Excel reads the Vietnamese names right; counts are plain
//! integers, which Excel takes as numbers.

use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, web};

use super::{Computed, FilterForm};
use crate::db::DbPool;
use crate::web::error::AppError;
use crate::web::url::encode;

/// The file's name as a browser saves it, and its Vietnamese form.
const FILE_NAME: (&str, &str) = (
    "bang-tong-hop-khen-thuong.csv",
    "bảng-tổng-hợp-khen-thưởng.csv",
);

/// Excel opens a CSV file as UTF-8 only after this mark.
const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

pub async fn awards_csv(
    pool: web::Data<DbPool>,
    query: web::Query<FilterForm>,
) -> Result<HttpResponse, AppError> {
    let (computed, _ignored) = super::computed(&pool, &query, usize::MAX).await?;
    let body = csv_of(&computed).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"{}\"; filename*=UTF-8''{}",
                FILE_NAME.0,
                encode(FILE_NAME.1)
            ),
        ))
        .body(body))
}

/// One row per unit, in the table's order: place, unit, then proposed and
/// decided per award kind, then the totals.
fn csv_of(computed: &Computed) -> Result<Vec<u8>, csv::Error> {
    let t = &computed.0;
    let mut out = csv::Writer::from_writer(BYTE_ORDER_MARK.to_vec());
    let mut header = vec!["Hạng".to_string(), "Đơn vị".to_string()];
    for k in &t.kinds {
        header.push(format!("{} — đề nghị", k.short_name));
        header.push(format!("{} — quyết định", k.short_name));
    }
    header.push("Tổng — đề nghị".into());
    header.push("Tổng — quyết định".into());
    out.write_record(&header)?;
    for r in &t.rows {
        let mut record = vec![r.place.to_string(), r.unit.name.clone()];
        for c in &r.counts {
            record.push(c.proposed.to_string());
            record.push(c.decided.to_string());
        }
        record.push(r.total.proposed.to_string());
        record.push(r.total.decided.to_string());
        out.write_record(&record)?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}
