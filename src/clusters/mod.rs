//! The home page (clusters by organising body) and a cluster's own page.

pub mod cards;
pub mod picker;
mod queries;

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;
use chrono::Datelike;

use crate::auth::Viewer;
use crate::db::{self, DbPool};
use crate::web::error::AppError;
pub use queries::{ClusterOverview, Home};

#[derive(Template, WebTemplate)]
#[template(path = "clusters/home.html")]
pub struct HomePage {
    pub viewer: Viewer,
    pub home: std::sync::Arc<Home>,
}

/// Cluster pages read published years only, the same for every visitor.
static CLUSTERS: db::memo::Memo<ClusterOverview> = db::memo::Memo::new(256);

/// The home page's content, the same for every visitor (see db::memo).
static HOME: db::memo::Memo<Home> = db::memo::Memo::new(4);

#[derive(Template, WebTemplate)]
#[template(path = "clusters/cluster.html")]
pub struct ClusterPage {
    pub viewer: Viewer,
    pub c: std::sync::Arc<ClusterOverview>,
    pub picker: picker::Picker,
}

impl ClusterPage {
    /// The years the picker offers: (first, last).
    pub fn year_bounds(&self) -> (i32, i32) {
        picker::year_bounds(&self.c.cluster)
    }

    /// The year the picker starts at: what was typed, else the year a
    /// clerk most likely enters next.
    pub fn picker_value(&self) -> String {
        if self.picker.value.is_empty() {
            self.c.next_year_to_enter().to_string()
        } else {
            self.picker.value.clone()
        }
    }
}

/// The calendar year the portal lives in, for "this year's chair".
pub fn current_year() -> i32 {
    chrono::Local::now().year()
}

pub async fn home(pool: web::Data<DbPool>, viewer: Viewer) -> Result<HomePage, AppError> {
    let this_year = current_year();
    let home = db::read(&pool, move |conn| {
        HOME.get_or_compute(conn, this_year.to_string(), |conn| {
            queries::home(conn, this_year)
        })
    })
    .await?;
    Ok(HomePage { viewer, home })
}

pub async fn cluster_page(
    pool: web::Data<DbPool>,
    path: web::Path<i32>,
    viewer: Viewer,
) -> Result<ClusterPage, AppError> {
    let id = path.into_inner();
    let c = db::read(&pool, move |conn| {
        CLUSTERS.get_or_compute(conn, id.to_string(), |conn| queries::overview(conn, id))
    })
    .await?;
    Ok(ClusterPage {
        viewer,
        c,
        picker: picker::Picker::default(),
    })
}
