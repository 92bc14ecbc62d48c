//! The yearly summary of a cluster, on screen and as a printed A4 report.

pub mod sections;
pub mod summary;

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;

use crate::auth::Viewer;
use crate::db::{self, DbPool};
use crate::web::error::AppError;
use summary::YearSummary;

#[derive(Template, WebTemplate)]
#[template(path = "years/year.html")]
pub struct YearPage {
    pub viewer: Viewer,
    pub can_edit: bool,
    /// Just saved by the form: say so.
    pub saved: bool,
    /// Saved as it was opened: nothing was written.
    pub unchanged: bool,
    pub s: std::sync::Arc<YearSummary>,
}

#[derive(Debug, serde::Deserialize)]
pub struct SavedQuery {
    pub saved: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "years/print.html")]
pub struct PrintPage {
    pub s: std::sync::Arc<YearSummary>,
    /// The report's text, as the Word file has it too.
    pub r: crate::documents::layout::Document,
}

pub(crate) async fn load(
    pool: &web::Data<DbPool>,
    path: (i32, i32),
    viewer: &Viewer,
) -> Result<std::sync::Arc<YearSummary>, AppError> {
    let (cluster_id, year) = path;
    // What the page shows depends on the year and on whether drafts are
    // shown (to the cluster's clerks and admins), never on who else asks:
    // kept per both until the data changes (see db::memo).
    let include_drafts = viewer.can_edit_cluster(cluster_id);
    let key = format!("{cluster_id}/{year}/{include_drafts}");
    db::read(pool, move |conn| {
        YEARS.get_or_compute(conn, key, |conn| {
            summary::load(conn, cluster_id, year, include_drafts)
        })
    })
    .await
}

/// Yearly summaries kept until the data changes.
static YEARS: db::memo::Memo<YearSummary> = db::memo::Memo::new(256);

pub async fn year_page(
    pool: web::Data<DbPool>,
    path: web::Path<(i32, i32)>,
    query: web::Query<SavedQuery>,
    viewer: Viewer,
) -> Result<YearPage, AppError> {
    let (cluster_id, year) = path.into_inner();
    let s = load(&pool, (cluster_id, year), &viewer).await?;
    Ok(YearPage {
        saved: query.saved.is_some() && viewer.can_edit_cluster(cluster_id),
        unchanged: query.saved.as_deref() == Some("unchanged"),
        can_edit: viewer.can_edit_cluster(cluster_id),
        viewer,
        s,
    })
}

pub async fn print_page(
    pool: web::Data<DbPool>,
    path: web::Path<(i32, i32)>,
    viewer: Viewer,
) -> Result<PrintPage, AppError> {
    let s = load(&pool, path.into_inner(), &viewer).await?;
    let r = crate::documents::report::of_year(&s);
    Ok(PrintPage { s, r })
}
