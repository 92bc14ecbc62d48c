//! Who chairs each cluster this year and next, who has not chaired yet,
//! who would be next by rotation, and the history.

pub mod terms;

use std::collections::HashMap;

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
use crate::web::paging::Paging;
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

/// Terms of each cluster's history the overview lists; the cluster's own
/// page has them all.
pub const RECENT_TERMS: usize = 6;

impl ClusterRotation {
    /// The latest terms, oldest first.
    pub fn recent_history(&self) -> &[Term] {
        &self.history[self.history.len().saturating_sub(RECENT_TERMS)..]
    }

    /// Terms of the history the overview leaves to the cluster's page.
    pub fn older_terms(&self) -> usize {
        self.history.len().saturating_sub(RECENT_TERMS)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "rotation/rotation.html")]
pub struct RotationPage {
    pub viewer: Viewer,
    pub year: i32,
    pub loaded: std::sync::Arc<Loaded>,
    /// The body the list is filtered to.
    pub body: Option<i32>,
}

/// Rotation pages, the same for every visitor (see db::memo).
static PAGES: db::memo::Memo<Loaded> = db::memo::Memo::new(64);

impl RotationPage {
    pub fn clusters(&self) -> &[ClusterRotation] {
        &self.loaded.clusters
    }

    pub fn bodies(&self) -> &[BodyChoice] {
        &self.loaded.bodies
    }

    pub fn paging(&self) -> &Paging {
        &self.loaded.paging
    }

    pub fn is_body(&self, id: &i32) -> bool {
        self.body == Some(*id)
    }

    /// "Cụm trưởng" when the page lists clusters only, "Khối trưởng" for
    /// blocks only, both when it lists both.
    pub fn chair_words(&self) -> &'static str {
        let clusters = self.clusters();
        let blocks = clusters
            .iter()
            .filter(|c| c.cluster.kind == "block")
            .count();
        match blocks {
            0 => "Cụm trưởng",
            n if n == clusters.len() => "Khối trưởng",
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
    cluster_terms: &[&ChairTerm],
    memberships: &[&Membership],
    names: &Names,
) -> ClusterRotation {
    let terms: Vec<&ChairTerm> = cluster_terms
        .iter()
        .copied()
        .filter(|t| t.has_officer())
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

/// Clusters on one page of the rotation: each brings its whole history.
pub const CLUSTERS_PER_PAGE: usize = 10;

#[derive(Debug, Default, serde::Deserialize)]
pub struct RotationQuery {
    pub body: Option<String>,
    pub page: Option<String>,
}

/// The bodies that organise clusters, for the filter.
pub struct BodyChoice {
    pub id: i32,
    pub name: String,
}

pub struct Loaded {
    clusters: Vec<ClusterRotation>,
    bodies: Vec<BodyChoice>,
    paging: Paging,
}

impl Loaded {
    pub fn clusters(&self) -> &[ClusterRotation] {
        &self.clusters
    }
}

/// Every cluster's rotation (of one body, or all), not one page: for the
/// downloads.
pub(crate) fn load_all(conn: &mut DbConn, year: i32, body: Option<i32>) -> QueryResult<Loaded> {
    load(conn, year, body, None, String::new(), usize::MAX)
}

/// The body named by the filter's value; one that is not a number lists
/// every body, as the filter's "Tất cả" does.
pub(crate) fn body_filter(query: &RotationQuery) -> Option<i32> {
    query.body.as_deref().and_then(|b| b.trim().parse().ok())
}

fn load(
    conn: &mut DbConn,
    year: i32,
    body: Option<i32>,
    page: Option<&str>,
    base: String,
    per_page: usize,
) -> QueryResult<Loaded> {
    let bodies: Vec<(i32, String)> = organising_bodies::table
        .filter(organising_bodies::id.eq_any(clusters::table.select(clusters::organising_body_id)))
        .order((organising_bodies::sort_order, organising_bodies::id))
        .select((organising_bodies::id, organising_bodies::name))
        .load(conn)?;
    let mut query = clusters::table
        .inner_join(organising_bodies::table)
        .order((organising_bodies::sort_order, clusters::id))
        .select((Cluster::as_select(), organising_bodies::short_name))
        .into_boxed();
    if let Some(body) = body {
        query = query.filter(clusters::organising_body_id.eq(body));
    }
    let mut clusters: Vec<(Cluster, String)> = query.load(conn)?;
    let paging = Paging::new(clusters.len(), per_page, page, base);
    let range = paging.range();
    clusters.truncate(range.end);
    let clusters: Vec<(Cluster, String)> = clusters.drain(range.start..).collect();
    let ids: Vec<i32> = clusters.iter().map(|(c, _)| c.id).collect();
    let all_terms = terms::public_terms(conn, terms::Scope::Clusters(&ids))?;
    let memberships: Vec<Membership> = memberships::table
        .filter(memberships::cluster_id.eq_any(&ids))
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
    let mut members_of: HashMap<i32, Vec<&Membership>> = HashMap::new();
    for m in &memberships {
        members_of.entry(m.cluster_id).or_default().push(m);
    }
    let mut terms_of: HashMap<i32, Vec<&ChairTerm>> = HashMap::new();
    for t in &all_terms {
        terms_of.entry(t.cluster_id).or_default().push(t);
    }
    let clusters = clusters
        .into_iter()
        .map(|(cluster, body_name)| {
            let members = members_of.remove(&cluster.id).unwrap_or_default();
            let terms = terms_of.remove(&cluster.id).unwrap_or_default();
            cluster_rotation(cluster, body_name, year, &terms, &members, &names)
        })
        .collect();
    Ok(Loaded {
        clusters,
        bodies: bodies
            .into_iter()
            .map(|(id, name)| BodyChoice { id, name })
            .collect(),
        paging,
    })
}

pub async fn rotation_page(
    req: actix_web::HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    query: web::Query<RotationQuery>,
) -> Result<RotationPage, AppError> {
    let year = current_year();
    let query = query.into_inner();
    let body = body_filter(&query);
    let base = match body {
        Some(b) => format!("{}?body={b}&", req.path()),
        None => format!("{}?", req.path()),
    };
    let page = query.page;
    let key = format!("{year}|{base}|{}", page.as_deref().unwrap_or(""));
    let loaded = db::read(&pool, move |conn| {
        PAGES.get_or_compute(conn, key, |conn| {
            load(conn, year, body, page.as_deref(), base, CLUSTERS_PER_PAGE)
        })
    })
    .await?;
    Ok(RotationPage {
        viewer,
        year,
        loaded,
        body,
    })
}
