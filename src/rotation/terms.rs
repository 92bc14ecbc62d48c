//! The chair terms the public may see: those of published years, and the
//! chair elected for next year at a published year's conference.
//!
//! The meeting form of year Y writes the chair and vice chair it elected
//! for Y+1 into Y+1's record, creating it as a draft. Those fields are
//! part of Y's report: once Y is published they are news, while the rest
//! of the Y+1 draft (theme, conferences, figures, people) stays private.

use std::collections::HashSet;

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::domain::labels;
use crate::schema::{cluster_years, clusters};

/// One year's chair as the public may see it.
pub struct ChairTerm {
    pub cluster_id: i32,
    pub year: i32,
    pub chair_unit_id: Option<i32>,
    pub vice_chair_unit_id: Option<i32>,
    /// The people representing the units: only for published years (the
    /// names are typed into next year's own form, which is private).
    pub chair_person_id: Option<i32>,
    pub chair_person_title: Option<String>,
    pub vice_chair_person_id: Option<i32>,
    pub vice_chair_person_title: Option<String>,
    pub selection: &'static str,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    /// Year `year` is still a draft: the chair was elected at the summary
    /// conference of `year - 1`, which is published.
    pub elected_for_next_year: bool,
}

impl ChairTerm {
    pub fn has_officer(&self) -> bool {
        self.chair_unit_id.is_some() || self.vice_chair_unit_id.is_some()
    }

    /// "Cụm trưởng năm 2023 (đã bầu tại hội nghị tổng kết năm 2022)".
    pub fn elected_note(&self) -> String {
        if self.elected_for_next_year {
            format!("đã bầu tại hội nghị tổng kết năm {}", self.year - 1)
        } else {
            String::new()
        }
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = cluster_years)]
struct Row {
    cluster_id: i32,
    year: i32,
    status: String,
    chair_unit_id: Option<i32>,
    chair_person_id: Option<i32>,
    chair_person_title: Option<String>,
    vice_chair_unit_id: Option<i32>,
    vice_chair_person_id: Option<i32>,
    vice_chair_person_title: Option<String>,
    chair_selection: Option<String>,
    chair_decision_number: Option<String>,
    chair_decision_date: Option<NaiveDate>,
    chair_elected_at_previous: bool,
}

/// Which chair terms to load.
#[derive(Clone, Copy)]
pub enum Scope<'a> {
    All,
    Cluster(i32),
    /// The terms of these clusters (one page of a long list).
    Clusters(&'a [i32]),
    /// The terms a unit held (or was elected to) as chair or vice chair.
    Unit(i32),
    /// The terms in the clusters of one organising body.
    Body(i32),
}

/// Public chair terms in `scope`, ordered by cluster and year. A year with
/// neither chair nor vice chair is kept (it is still a published year of
/// the cluster).
pub fn public_terms(conn: &mut DbConn, scope: Scope<'_>) -> QueryResult<Vec<ChairTerm>> {
    let mut query = cluster_years::table
        .order((cluster_years::cluster_id, cluster_years::year))
        .select(Row::as_select())
        .into_boxed();
    match scope {
        Scope::All => {}
        Scope::Cluster(id) => query = query.filter(cluster_years::cluster_id.eq(id)),
        Scope::Clusters(ids) => query = query.filter(cluster_years::cluster_id.eq_any(ids)),
        Scope::Body(id) => {
            query = query.filter(
                cluster_years::cluster_id.eq_any(
                    clusters::table
                        .filter(clusters::organising_body_id.eq(id))
                        .select(clusters::id),
                ),
            )
        }
        Scope::Unit(id) => {
            query = query.filter(
                cluster_years::chair_unit_id
                    .eq(id)
                    .or(cluster_years::vice_chair_unit_id.eq(id)),
            )
        }
    }
    let rows: Vec<Row> = query.load(conn)?;
    let mut published: HashSet<(i32, i32)> = rows
        .iter()
        .filter(|r| r.status == "published")
        .map(|r| (r.cluster_id, r.year))
        .collect();
    if let Scope::Unit(_) = scope {
        // The year that elected a draft's chair need not list this unit
        // as its own chair: look those years up.
        let clusters: Vec<i32> = rows
            .iter()
            .filter(|r| r.status != "published" && r.chair_elected_at_previous)
            .map(|r| r.cluster_id)
            .collect();
        if !clusters.is_empty() {
            let years: Vec<(i32, i32)> = cluster_years::table
                .filter(cluster_years::cluster_id.eq_any(&clusters))
                .filter(cluster_years::status.eq("published"))
                .select((cluster_years::cluster_id, cluster_years::year))
                .load(conn)?;
            published.extend(years);
        }
    }
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let is_published = r.status == "published";
            let elected = !is_published
                && r.chair_elected_at_previous
                && published.contains(&(r.cluster_id, r.year - 1));
            let has_officer = r.chair_unit_id.is_some() || r.vice_chair_unit_id.is_some();
            let shown = is_published || (elected && has_officer);
            if !shown {
                return None;
            }
            let person = |p: Option<i32>| p.filter(|_| is_published);
            let title = |t: Option<String>| t.filter(|_| is_published);
            Some(ChairTerm {
                cluster_id: r.cluster_id,
                year: r.year,
                chair_unit_id: r.chair_unit_id,
                vice_chair_unit_id: r.vice_chair_unit_id,
                chair_person_id: person(r.chair_person_id),
                chair_person_title: title(r.chair_person_title),
                vice_chair_person_id: person(r.vice_chair_person_id),
                vice_chair_person_title: title(r.vice_chair_person_title),
                selection: r
                    .chair_selection
                    .as_deref()
                    .map(labels::chair_selection_label)
                    .unwrap_or(""),
                decision_number: r.chair_decision_number,
                decision_date: r.chair_decision_date,
                elected_for_next_year: elected,
            })
        })
        .collect())
}
