//! The yearly summary of a cluster, on screen and as a printed A4 report.

pub mod summary;

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;

use crate::db::{self, DbPool};
use crate::web::error::AppError;
use summary::YearSummary;

#[derive(Template, WebTemplate)]
#[template(path = "years/year.html")]
pub struct YearPage {
    pub s: YearSummary,
}

#[derive(Template, WebTemplate)]
#[template(path = "years/print.html")]
pub struct PrintPage {
    pub s: YearSummary,
}

async fn load(pool: &web::Data<DbPool>, path: (i32, i32)) -> Result<YearSummary, AppError> {
    let (cluster_id, year) = path;
    db::read(pool, move |conn| summary::load(conn, cluster_id, year)).await
}

pub async fn year_page(
    pool: web::Data<DbPool>,
    path: web::Path<(i32, i32)>,
) -> Result<YearPage, AppError> {
    Ok(YearPage {
        s: load(&pool, path.into_inner()).await?,
    })
}

pub async fn print_page(
    pool: web::Data<DbPool>,
    path: web::Path<(i32, i32)>,
) -> Result<PrintPage, AppError> {
    Ok(PrintPage {
        s: load(&pool, path.into_inner()).await?,
    })
}
