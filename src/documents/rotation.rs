//! The rotation of the chair as a table: one row per cluster and year of
//! its published history, then the term rotation order points to next
//! where none is on record yet, marked as such.

use actix_web::{HttpResponse, web};

use super::download::{self, Format};
use super::sheet::{Cell, Sheet};
use crate::clusters::current_year;
use crate::db::{self, DbPool};
use crate::rotation::{self, RotationQuery};
use crate::web::error::AppError;

const TITLE: &str = "Luân phiên Cụm trưởng, Khối trưởng";

pub async fn rotation_csv(
    pool: web::Data<DbPool>,
    query: web::Query<RotationQuery>,
) -> Result<HttpResponse, AppError> {
    let sheet = sheet(&pool, &query).await?;
    let body = super::csv::write(&sheet).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download::attachment(body, Format::Csv, TITLE))
}

pub async fn rotation_xlsx(
    pool: web::Data<DbPool>,
    query: web::Query<RotationQuery>,
) -> Result<HttpResponse, AppError> {
    let sheet = sheet(&pool, &query).await?;
    let body =
        super::xlsx::write(TITLE, &[sheet]).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download::attachment(body, Format::Xlsx, TITLE))
}

async fn sheet(pool: &web::Data<DbPool>, query: &RotationQuery) -> Result<Sheet, AppError> {
    let body = rotation::body_filter(query);
    let year = current_year();
    let loaded = db::read(pool, move |conn| rotation::load_all(conn, year, body)).await?;
    let mut sheet = Sheet::new(
        "Luân phiên",
        &[
            "Cơ quan tổ chức",
            "Cụm, khối",
            "Năm",
            "Cụm trưởng, Khối trưởng",
            "Cụm phó, Khối phó",
            "Hình thức chọn",
            "Ghi chú",
        ],
    )
    .with_title(format!("{} (đến năm {year})", TITLE.to_uppercase()));
    for c in loaded.clusters() {
        let name = |u: &Option<crate::lookups::UnitLink>| {
            u.as_ref()
                .map_or(Cell::Empty, |u| Cell::text(u.name.clone()))
        };
        for t in &c.history {
            let mut notes = Vec::new();
            if !t.elected_note.is_empty() {
                notes.push(t.elected_note.clone());
            }
            if t.breaks_rotation {
                notes.push("không theo thứ tự luân phiên".to_string());
            }
            sheet.push(vec![
                Cell::text(c.body_name.clone()),
                Cell::text(c.cluster.name.clone()),
                Cell::Integer(t.year.into()),
                name(&t.chair),
                name(&t.vice_chair),
                Cell::text(t.selection),
                Cell::text(notes.join("; ")),
            ]);
        }
        if let Some((year, unit)) = &c.by_rotation {
            sheet.push(vec![
                Cell::text(c.body_name.clone()),
                Cell::text(c.cluster.name.clone()),
                Cell::Integer((*year).into()),
                Cell::text(unit.name.clone()),
                Cell::Empty,
                Cell::Empty,
                Cell::text("theo thứ tự luân phiên, chưa bầu"),
            ]);
        }
    }
    Ok(sheet)
}
