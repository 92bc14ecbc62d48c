//! The award tallies with the page's filters, every unit rather than one
//! page of them, as Excel and CSV files.

use actix_web::{HttpResponse, web};

use super::download::{self, Format};
use super::sheet::{Cell, Sheet};
use crate::awards::{self, Computed, FilterForm};
use crate::db::DbPool;
use crate::web::error::AppError;

const TITLE: &str = "Bảng tổng hợp khen thưởng";

pub async fn awards_csv(
    pool: web::Data<DbPool>,
    query: web::Query<FilterForm>,
) -> Result<HttpResponse, AppError> {
    let sheet = sheet(&pool, &query).await?;
    let body = super::csv::write(&sheet).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download::attachment(body, Format::Csv, TITLE))
}

pub async fn awards_xlsx(
    pool: web::Data<DbPool>,
    query: web::Query<FilterForm>,
) -> Result<HttpResponse, AppError> {
    let sheet = sheet(&pool, &query).await?;
    let body =
        super::xlsx::write(TITLE, &[sheet]).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download::attachment(body, Format::Xlsx, TITLE))
}

async fn sheet(pool: &web::Data<DbPool>, form: &FilterForm) -> Result<Sheet, AppError> {
    let (computed, _ignored) = awards::computed(pool, form, usize::MAX).await?;
    Ok(tally_sheet(&computed))
}

/// One row per unit, in the table's order: place, unit, then proposed and
/// decided per award kind, then the totals.
fn tally_sheet(computed: &Computed) -> Sheet {
    let t = &computed.0;
    let mut headers = vec!["Hạng".to_string(), "Đơn vị".to_string()];
    for k in &t.kinds {
        headers.push(format!("{} — đề nghị", k.short_name));
        headers.push(format!("{} — quyết định", k.short_name));
    }
    headers.push("Tổng — đề nghị".into());
    headers.push("Tổng — quyết định".into());
    let mut sheet = Sheet {
        name: "Khen thưởng".into(),
        title: Some(TITLE.to_uppercase()),
        headers,
        rows: Vec::with_capacity(t.rows.len()),
    };
    for r in &t.rows {
        let mut row = vec![
            Cell::Integer(r.place as i64),
            Cell::text(r.unit.name.clone()),
        ];
        for c in r.counts.iter().chain([&r.total]) {
            row.push(Cell::Integer(c.proposed as i64));
            row.push(Cell::Integer(c.decided as i64));
        }
        sheet.push(row);
    }
    sheet
}
