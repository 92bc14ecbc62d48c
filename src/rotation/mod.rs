//! Who chairs each cluster this year and next, who has not chaired yet,
//! who would be next by rotation, and the history.

pub mod terms;

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;
use diesel::prelude::*;

use crate::auth::Viewer;
use crate::clusters::current_year;
use crate::db::{self, DbConn, DbPool};
use crate::domain::rotation;
use crate::lookups::{Names, UnitLink};
use crate::models::{Cluster, Membership};
use crate::schema::*;
use crate::web::error::AppError;
use terms::ChairTerm;

pub struct Term {
    pub year: i32,
    pub chair: Option<UnitLink>,
    pub vice_chair: Option<UnitLink>,
    pub selection: &'static str,
    /// Empty, or "đã bầu tại hội nghị tổng kết năm 2022".
    pub elected_note: String,
    /// The year whose published page tells about this term: the year
    /// itself, or for a chair elected for next year, the year before.
    pub page_year: i32,
    pub breaks_rotation: bool,
}

pub struct ClusterRotation {
    pub cluster: Cluster,
    pub body_name: String,
    /// This year's term, or the latest known one before it.
    pub current: Option<Term>,
    /// `current` is not this year's but the latest on record.
    pub current_is_latest: bool,
    /// The term of the year after `current` (or of next year when there
    /// is no current term), when on record or elected.
    pub next: Option<Term>,
    /// When no next term is on record: the year after `current` and who
    /// would chair it by rotation order.
    pub by_rotation: Option<(i32, UnitLink)>,
    /// The cluster ended before the year after `current`.
    pub ended: bool,
    pub not_yet_chaired: Vec<UnitLink>,
    pub history: Vec<Term>,
    pub warnings: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "rotation/rotation.html")]
pub struct RotationPage {
    pub viewer: Viewer,
    pub year: i32,
    pub clusters: Vec<ClusterRotation>,
}

impl RotationPage {
    /// "Cụm trưởng" when the page lists clusters only, "Khối trưởng" for
    /// blocks only, both when it lists both.
    pub fn chair_words(&self) -> &'static str {
        let blocks = self
            .clusters
            .iter()
            .filter(|c| c.cluster.kind == "block")
            .count();
        match blocks {
            0 => "Cụm trưởng",
            n if n == self.clusters.len() => "Khối trưởng",
            _ => "Cụm trưởng, Khối trưởng",
        }
    }
}

fn term(t: &ChairTerm, names: &Names, breaks: &[i32]) -> Term {
    Term {
        year: t.year,
        chair: names.unit_opt(t.chair_unit_id),
        vice_chair: names.unit_opt(t.vice_chair_unit_id),
        selection: t.selection,
        elected_note: t.elected_note(),
        page_year: if t.elected_for_next_year {
            t.year - 1
        } else {
            t.year
        },
        breaks_rotation: breaks.contains(&t.year),
    }
}

/// The members rotation is judged against in `year`: those listed for
/// that year, or every member ever listed when none is.
fn members_in(memberships: &[&Membership], year: Option<i32>) -> Vec<i32> {
    let mut ids: Vec<i32> = Vec::new();
    for pass_all in [false, true] {
        for m in memberships {
            if (pass_all || year.is_none_or(|y| m.covers(y))) && !ids.contains(&m.unit_id) {
                ids.push(m.unit_id);
            }
        }
        if !ids.is_empty() {
            break;
        }
    }
    ids
}

fn cluster_rotation(
    cluster: Cluster,
    body_name: String,
    year: i32,
    all_terms: &[ChairTerm],
    memberships: &[&Membership],
    names: &Names,
) -> ClusterRotation {
    let terms: Vec<&ChairTerm> = all_terms
        .iter()
        .filter(|t| t.cluster_id == cluster.id && t.has_officer())
        .collect();
    let current_term = terms.iter().rev().find(|t| t.year <= year).copied();
    let judged_year = current_term
        .map(|t| t.year)
        .or(terms.last().map(|t| t.year));
    let members = members_in(memberships, judged_year);
    let chairs: Vec<(i32, i32)> = terms
        .iter()
        .filter_map(|t| Some((t.year, t.chair_unit_id?)))
        .collect();
    let breaks = rotation::rotation_breaks(&members, &chairs);

    let next_year = current_term.map_or(year + 1, |t| t.year + 1);
    let next_term = terms.iter().find(|t| t.year == next_year).copied();
    let ended = cluster.last_year.is_some_and(|last| last < next_year);
    let by_rotation = match (current_term, next_term) {
        (Some(current), None) if !ended => {
            let before: Vec<(i32, i32)> = chairs
                .iter()
                .copied()
                .filter(|(y, _)| *y <= current.year)
                .collect();
            rotation::next_in_rotation(&members, &before, current.vice_chair_unit_id)
                .and_then(|unit| Some((next_year, names.unit(unit)?)))
        }
        _ => None,
    };
    let warnings = breaks
        .iter()
        .filter_map(|y| {
            let unit = chairs.iter().find(|(cy, _)| cy == y)?.1;
            Some(format!(
                "Năm {y}: {} làm Cụm trưởng lần thứ hai khi vẫn còn đơn vị thành viên chưa làm Cụm trưởng.",
                names.unit_name(unit)
            ))
        })
        .collect();
    ClusterRotation {
        current_is_latest: current_term.is_some_and(|t| t.year != year),
        current: current_term.map(|t| term(t, names, &breaks)),
        next: next_term.map(|t| term(t, names, &breaks)),
        by_rotation,
        ended: ended && next_term.is_none(),
        not_yet_chaired: rotation::not_yet_chaired(&members, &chairs)
            .into_iter()
            .filter_map(|id| names.unit(id))
            .collect(),
        history: terms.iter().map(|t| term(t, names, &breaks)).collect(),
        warnings,
        cluster,
        body_name,
    }
}

fn load(conn: &mut DbConn, year: i32) -> QueryResult<Vec<ClusterRotation>> {
    let clusters: Vec<(Cluster, String)> = clusters::table
        .inner_join(organising_bodies::table)
        .order((organising_bodies::sort_order, clusters::id))
        .select((Cluster::as_select(), organising_bodies::short_name))
        .load(conn)?;
    let all_terms = terms::public_terms(conn, terms::Scope::All)?;
    let memberships: Vec<Membership> = memberships::table
        .order((
            memberships::cluster_id,
            memberships::sort_order,
            memberships::from_year,
        ))
        .select(Membership::as_select())
        .load(conn)?;
    let names = Names::load(
        conn,
        all_terms
            .iter()
            .flat_map(|t| [t.chair_unit_id, t.vice_chair_unit_id])
            .chain(memberships.iter().map(|m| Some(m.unit_id))),
        [],
    )?;
    Ok(clusters
        .into_iter()
        .map(|(cluster, body_name)| {
            let members: Vec<&Membership> = memberships
                .iter()
                .filter(|m| m.cluster_id == cluster.id)
                .collect();
            cluster_rotation(cluster, body_name, year, &all_terms, &members, &names)
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
