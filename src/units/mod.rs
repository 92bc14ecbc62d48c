//! A member unit: its clusters over time, chair terms, awards and figures.

mod charts;
pub mod official;
mod queries;

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;

use crate::auth::Viewer;
use crate::db::{self, DbPool};
use crate::web::error::AppError;
pub use queries::UnitOverview;

#[derive(Template, WebTemplate)]
#[template(path = "units/unit.html")]
pub struct UnitPage {
    pub viewer: Viewer,
    pub u: std::sync::Arc<UnitOverview>,
}

/// Unit pages read from published years only, the same for every visitor:
/// the most visited are kept until the data changes (see db::memo).
static UNITS: db::memo::Memo<UnitOverview> = db::memo::Memo::new(128);

pub async fn unit_page(
    pool: web::Data<DbPool>,
    path: web::Path<i32>,
    viewer: Viewer,
) -> Result<UnitPage, AppError> {
    let id = path.into_inner();
    let u = db::read(&pool, move |conn| {
        UNITS.get_or_compute(conn, id.to_string(), |conn| queries::overview(conn, id))
    })
    .await?;
    Ok(UnitPage { viewer, u })
}
