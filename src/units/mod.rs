//! A member unit: its clusters over time, chair terms, awards and figures.

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
    pub u: UnitOverview,
}

pub async fn unit_page(
    pool: web::Data<DbPool>,
    path: web::Path<i32>,
    viewer: Viewer,
) -> Result<UnitPage, AppError> {
    let id = path.into_inner();
    let u = db::read(&pool, move |conn| queries::overview(conn, id)).await?;
    Ok(UnitPage { viewer, u })
}
