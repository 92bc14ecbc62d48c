//! Who chairs each cluster this year and next, and the history.

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;
use diesel::prelude::*;

use crate::auth::Viewer;
use crate::clusters::current_year;
use crate::db::{self, DbConn, DbPool};
use crate::lookups::{Names, UnitLink};
use crate::models::{Cluster, ClusterYear};
use crate::schema::*;
use crate::web::error::AppError;

pub struct Term {
    pub year: i32,
    pub chair: Option<UnitLink>,
    pub vice_chair: Option<UnitLink>,
    pub selection: &'static str,
}

pub struct ClusterRotation {
    pub cluster: Cluster,
    pub body_name: String,
    pub this_year: Option<Term>,
    pub next_year: Option<Term>,
    /// The latest term on record, when neither this year nor next is.
    pub latest: Option<Term>,
    pub history: Vec<Term>,
}

#[derive(Template, WebTemplate)]
#[template(path = "rotation/rotation.html")]
pub struct RotationPage {
    pub viewer: Viewer,
    pub year: i32,
    pub clusters: Vec<ClusterRotation>,
}

fn load(conn: &mut DbConn, year: i32) -> QueryResult<Vec<ClusterRotation>> {
    let clusters: Vec<(Cluster, String)> = clusters::table
        .inner_join(organising_bodies::table)
        .order((organising_bodies::sort_order, clusters::id))
        .select((Cluster::as_select(), organising_bodies::short_name))
        .load(conn)?;
    let years: Vec<ClusterYear> = cluster_years::table
        .filter(cluster_years::status.eq("published"))
        .filter(
            cluster_years::chair_unit_id
                .is_not_null()
                .or(cluster_years::vice_chair_unit_id.is_not_null()),
        )
        .order((cluster_years::cluster_id, cluster_years::year))
        .select(ClusterYear::as_select())
        .load(conn)?;
    let names = Names::load(
        conn,
        years
            .iter()
            .flat_map(|y| [y.chair_unit_id, y.vice_chair_unit_id]),
        [],
    )?;
    Ok(clusters
        .into_iter()
        .map(|(cluster, body_name)| {
            let history: Vec<Term> = years
                .iter()
                .filter(|y| y.cluster_id == cluster.id)
                .map(|y| Term {
                    year: y.year,
                    chair: names.unit_opt(y.chair_unit_id),
                    vice_chair: names.unit_opt(y.vice_chair_unit_id),
                    selection: y.chair_selection_label(),
                })
                .collect();
            let find = |wanted: i32| {
                history.iter().find(|t| t.year == wanted).map(|t| Term {
                    year: t.year,
                    chair: t.chair.clone(),
                    vice_chair: t.vice_chair.clone(),
                    selection: t.selection,
                })
            };
            let this_year = find(year);
            let next_year = find(year + 1);
            let latest = match (&this_year, &next_year) {
                (None, None) => history.last().and_then(|t| find(t.year)),
                _ => None,
            };
            ClusterRotation {
                cluster,
                body_name,
                this_year,
                next_year,
                latest,
                history,
            }
        })
        .collect())
}

pub async fn rotation_page(
    pool: web::Data<DbPool>,
    viewer: Viewer,
) -> Result<RotationPage, AppError> {
    let year = current_year();
    let clusters = db::read(&pool, move |conn| load(conn, year)).await?;
    Ok(RotationPage {
        viewer,
        year,
        clusters,
    })
}
