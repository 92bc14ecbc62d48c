use std::collections::{BTreeMap, HashMap, HashSet};

use diesel::prelude::*;

use super::cards::{self, ClusterItem};
use crate::db::DbConn;
use crate::domain::{collate, dates, rotation};
use crate::lookups::{Names, UnitLink};
use crate::models::*;
use crate::rotation::terms::Scope;
use crate::schema::*;
use crate::years::summary::Officer;

pub struct BodyGroup {
    pub body: OrganisingBody,
    pub clusters: Vec<ClusterItem>,
}

pub struct ConferenceItem {
    pub cluster_id: i32,
    pub cluster_name: String,
    pub year: i32,
    pub title: String,
    pub date: String,
    /// For the machine-readable `datetime` attribute.
    pub iso_date: String,
    pub locality: Option<String>,
}

/// An organising body in the country-wide list: how many clusters and
/// blocks it organises, with how many member units, and its latest
/// published year.
pub struct BodySummary {
    pub body: OrganisingBody,
    pub clusters: usize,
    pub blocks: usize,
    pub units: usize,
    pub latest_year: Option<i32>,
}

pub struct Home {
    /// Every cluster's card, by body: when the record is small enough to
    /// show them all on one page.
    pub groups: Vec<BodyGroup>,
    /// Otherwise one line per body, its cards on the body's page.
    pub summaries: Vec<BodySummary>,
    pub latest: Vec<ConferenceItem>,
}

/// Up to this many clusters the home page shows every card; beyond it (a
/// country's record) it lists the organising bodies.
pub const CARDS_ON_HOME: usize = 40;

pub fn home(conn: &mut DbConn, this_year: i32) -> QueryResult<Home> {
    let bodies: Vec<OrganisingBody> = organising_bodies::table
        .order((organising_bodies::sort_order, organising_bodies::id))
        .select(OrganisingBody::as_select())
        .load(conn)?;
    let clusters: Vec<Cluster> = clusters::table
        .order(clusters::id)
        .select(Cluster::as_select())
        .load(conn)?;
    let latest = latest_conferences(conn, LATEST_ON_HOME)?;
    let latest = latest
        .into_iter()
        .map(|(c, year, cluster_id, cluster_name)| ConferenceItem {
            cluster_id,
            cluster_name,
            year,
            title: c.display_title(),
            date: dates::partial_capitalised(c.held_on, c.precision()),
            iso_date: dates::iso_partial(c.held_on, c.precision()),
            locality: c.locality,
        })
        .collect();
    if clusters.len() > CARDS_ON_HOME {
        let summaries = body_summaries(conn, bodies, &clusters)?;
        return Ok(Home {
            groups: Vec::new(),
            summaries,
            latest,
        });
    }
    let items = cards::cards(conn, clusters, Scope::All, this_year)?;
    let mut by_body: HashMap<i32, Vec<ClusterItem>> = HashMap::new();
    for item in items {
        by_body
            .entry(item.cluster.organising_body_id)
            .or_default()
            .push(item);
    }
    let groups = bodies
        .into_iter()
        .filter_map(|body| {
            let mut clusters = by_body.remove(&body.id)?;
            collate::sort_by_name(&mut clusters, |c| &c.cluster.name);
            Some(BodyGroup { body, clusters })
        })
        .collect();
    Ok(Home {
        groups,
        summaries: Vec::new(),
        latest,
    })
}

/// Conferences the home page lists as the latest.
const LATEST_ON_HOME: usize = 8;

/// The newest published conferences with their year and cluster, newest
/// first. Read from the date index a few at a time and checked against
/// their years (nearly all are published), where a join would have the
/// database sort every published conference of a country, minutes and
/// all, to keep eight.
fn latest_conferences(
    conn: &mut DbConn,
    wanted: usize,
) -> QueryResult<Vec<(Conference, i32, i32, String)>> {
    const CHUNK: i64 = 32;
    let mut kept: Vec<i32> = Vec::new();
    let mut offset = 0;
    loop {
        let newest: Vec<(i32, i32)> = conferences::table
            .order((conferences::held_on.desc(), conferences::id.desc()))
            .offset(offset)
            .limit(CHUNK)
            .select((conferences::id, conferences::cluster_year_id))
            .load(conn)?;
        let years: Vec<i32> = newest.iter().map(|c| c.1).collect();
        let published: HashSet<i32> = cluster_years::table
            .filter(cluster_years::id.eq_any(&years))
            .filter(cluster_years::status.eq("published"))
            .select(cluster_years::id)
            .load::<i32>(conn)?
            .into_iter()
            .collect();
        kept.extend(
            newest
                .iter()
                .filter(|c| published.contains(&c.1))
                .map(|c| c.0),
        );
        if kept.len() >= wanted || (newest.len() as i64) < CHUNK {
            break;
        }
        offset += CHUNK;
    }
    kept.truncate(wanted);
    let rows: Vec<(Conference, i32, i32, String)> = conferences::table
        .inner_join(cluster_years::table.inner_join(clusters::table))
        .filter(conferences::id.eq_any(&kept))
        .select((
            Conference::as_select(),
            cluster_years::year,
            clusters::id,
            clusters::name,
        ))
        .load(conn)?;
    let mut by_id: HashMap<i32, (Conference, i32, i32, String)> =
        rows.into_iter().map(|r| (r.0.id, r)).collect();
    Ok(kept.iter().filter_map(|id| by_id.remove(id)).collect())
}

fn body_summaries(
    conn: &mut DbConn,
    bodies: Vec<OrganisingBody>,
    clusters: &[Cluster],
) -> QueryResult<Vec<BodySummary>> {
    use diesel::dsl::max;
    let member_rows: Vec<(i32, i32)> = memberships::table
        .select((memberships::cluster_id, memberships::unit_id))
        .load(conn)?;
    let latest_years: Vec<(i32, Option<i32>)> = cluster_years::table
        .filter(cluster_years::status.eq("published"))
        .group_by(cluster_years::cluster_id)
        .select((cluster_years::cluster_id, max(cluster_years::year)))
        .load(conn)?;
    let body_of: HashMap<i32, i32> = clusters
        .iter()
        .map(|c| (c.id, c.organising_body_id))
        .collect();
    let mut units: HashMap<i32, HashSet<i32>> = HashMap::new();
    for (cluster, unit) in member_rows {
        if let Some(body) = body_of.get(&cluster) {
            units.entry(*body).or_default().insert(unit);
        }
    }
    let mut latest: HashMap<i32, i32> = HashMap::new();
    for (cluster, year) in latest_years {
        if let (Some(body), Some(year)) = (body_of.get(&cluster), year) {
            let entry = latest.entry(*body).or_insert(year);
            *entry = (*entry).max(year);
        }
    }
    Ok(bodies
        .into_iter()
        .filter_map(|body| {
            let own = clusters.iter().filter(|c| c.organising_body_id == body.id);
            let (blocks, all) = own.fold((0, 0), |(b, a), c| {
                (b + usize::from(c.kind == "block"), a + 1)
            });
            (all > 0).then(|| BodySummary {
                clusters: all - blocks,
                blocks,
                units: units.get(&body.id).map_or(0, HashSet::len),
                latest_year: latest.get(&body.id).copied(),
                body,
            })
        })
        .collect())
}

pub struct MemberRow {
    pub unit: UnitLink,
    pub span: String,
    pub decision: Option<String>,
}

/// One year in the rotation of the chair.
pub struct TermRow {
    pub year: i32,
    pub chair: Option<Officer>,
    pub vice_chair: Option<Officer>,
    pub selection: &'static str,
    pub has_conference: bool,
    /// The kinds of conference on record, in date order: "Hội nghị sơ kết 6 tháng".
    pub conferences: Vec<&'static str>,
    /// Someone chairs again before every member has chaired.
    pub breaks_rotation: bool,
    /// Empty, or "đã bầu tại hội nghị tổng kết năm 2022": next year's
    /// record is a draft, its chair was elected at a published conference.
    pub elected_note: String,
    /// The published year whose page tells about this term.
    pub page_year: i32,
}

impl TermRow {
    /// "hội nghị sơ kết 6 tháng và hội nghị tổng kết năm".
    pub fn conference_kinds(&self) -> String {
        let words: Vec<String> = self
            .conferences
            .iter()
            .map(|k| crate::domain::labels::lower_first(k))
            .collect();
        match words.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} và {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

pub struct AwardTotal {
    pub kind: AwardKind,
    pub proposed: usize,
    pub decided: usize,
}

pub struct ClusterOverview {
    pub cluster: Cluster,
    pub body: OrganisingBody,
    pub members: Vec<MemberRow>,
    pub terms: Vec<TermRow>,
    pub not_yet_chaired: Vec<UnitLink>,
    pub award_totals: Vec<AwardTotal>,
    /// (year, proposed, decided) for each published year with proposals.
    pub awards_by_year: Vec<(i32, usize, usize)>,
}

impl ClusterOverview {
    /// The year a clerk most likely enters next: the one after the latest
    /// year with a record, or the current year for a cluster without any.
    pub fn next_year_to_enter(&self) -> i32 {
        self.terms
            .iter()
            .filter(|t| t.has_conference)
            .map(|t| t.year + 1)
            .max()
            .unwrap_or_else(super::current_year)
            .min(self.cluster.last_year.unwrap_or(i32::MAX))
    }

    /// Whether any membership cites a decision (a column only then).
    pub fn has_decisions(&self) -> bool {
        self.members.iter().any(|m| m.decision.is_some())
    }

    /// Awards proposed and decided per year, as a chart.
    pub fn award_chart(&self) -> Option<crate::charts::BarChart> {
        if self.awards_by_year.is_empty() {
            return None;
        }
        let years: Vec<String> = self
            .awards_by_year
            .iter()
            .map(|(y, _, _)| y.to_string())
            .collect();
        let proposed: usize = self.awards_by_year.iter().map(|(_, p, _)| p).sum();
        let decided: usize = self.awards_by_year.iter().map(|(_, _, d)| d).sum();
        Some(crate::charts::BarChart {
            id: "award-chart".into(),
            title: format!(
                "Đề nghị và quyết định khen thưởng theo năm của {}",
                self.cluster.name
            ),
            description: format!(
                "Các năm {} đến {}: tổng cộng {proposed} đề nghị, {decided} đã có quyết định khen thưởng.",
                years[0],
                years[years.len() - 1]
            ),
            series: vec![
                crate::charts::Series {
                    name: "Đề nghị".into(),
                    values: self
                        .awards_by_year
                        .iter()
                        .map(|(_, p, _)| *p as f64)
                        .collect(),
                },
                crate::charts::Series {
                    name: "Đã quyết định".into(),
                    values: self
                        .awards_by_year
                        .iter()
                        .map(|(_, _, d)| *d as f64)
                        .collect(),
                },
            ],
            categories: years,
            unit: "lượt".into(),
        })
    }

    /// The chair and vice chair over the years, as a timeline.
    pub fn chair_timeline(&self) -> Option<crate::charts::Timeline> {
        let terms: Vec<(i32, String, String)> = self
            .terms
            .iter()
            .filter(|t| t.chair.is_some())
            .map(|t| {
                (
                    t.year,
                    t.chair
                        .as_ref()
                        .map(|o| o.unit.name.clone())
                        .unwrap_or_default(),
                    t.vice_chair
                        .as_ref()
                        .map(|o| o.unit.name.clone())
                        .unwrap_or_default(),
                )
            })
            .collect();
        if terms.is_empty() {
            return None;
        }
        let chairs: Vec<String> = terms.iter().map(|(y, c, _)| format!("{y}: {c}")).collect();
        Some(crate::charts::Timeline::new(
            "chair-timeline".into(),
            format!("{} qua các năm", self.cluster.chair_title()),
            format!(
                "{} theo năm — {}.",
                self.cluster.chair_title(),
                chairs.join("; ")
            ),
            &terms,
        ))
    }

    pub fn member_list_incomplete(&self) -> bool {
        self.cluster
            .member_count
            .is_some_and(|n| (n as usize) > self.members.len())
    }
}

pub fn overview(conn: &mut DbConn, cluster_id: i32) -> QueryResult<ClusterOverview> {
    let cluster: Cluster = clusters::table
        .find(cluster_id)
        .select(Cluster::as_select())
        .first(conn)?;
    let body: OrganisingBody = organising_bodies::table
        .find(cluster.organising_body_id)
        .select(OrganisingBody::as_select())
        .first(conn)?;
    let memberships: Vec<Membership> = memberships::table
        .filter(memberships::cluster_id.eq(cluster_id))
        .order((memberships::sort_order, memberships::from_year))
        .select(Membership::as_select())
        .load(conn)?;
    let years: Vec<ClusterYear> = cluster_years::table
        .filter(cluster_years::cluster_id.eq(cluster_id))
        .filter(cluster_years::status.eq("published"))
        .order(cluster_years::year)
        .select(ClusterYear::as_select())
        .load(conn)?;
    let year_ids: Vec<i32> = years.iter().map(|y| y.id).collect();
    let conference_kinds: Vec<(i32, String)> = conferences::table
        .filter(conferences::cluster_year_id.eq_any(&year_ids))
        .order((conferences::held_on, conferences::id))
        .select((conferences::cluster_year_id, conferences::kind))
        .load(conn)?;
    let awards: Vec<(i32, String, AwardKind)> = award_proposals::table
        .inner_join(award_kinds::table)
        .filter(award_proposals::cluster_year_id.eq_any(&year_ids))
        .select((
            award_proposals::cluster_year_id,
            award_proposals::status,
            AwardKind::as_select(),
        ))
        .load(conn)?;
    // Published years, and the chair elected for next year at the latest
    // published conference (next year's record is still a draft).
    let public_terms = crate::rotation::terms::public_terms(
        conn,
        crate::rotation::terms::Scope::Cluster(cluster_id),
    )?;
    let names = Names::load(
        conn,
        memberships.iter().map(|m| Some(m.unit_id)).chain(
            public_terms
                .iter()
                .flat_map(|t| [t.chair_unit_id, t.vice_chair_unit_id]),
        ),
        public_terms
            .iter()
            .flat_map(|t| [t.chair_person_id, t.vice_chair_person_id]),
    )?;

    // Rotation is judged against the members of the latest year on record,
    // or every member ever listed when that year has no member list.
    let latest_year = years.last().map(|y| y.year);
    let members_of = |keep: &dyn Fn(&Membership) -> bool| {
        let mut ids: Vec<i32> = Vec::new();
        for m in memberships.iter().filter(|m| keep(m)) {
            if !ids.contains(&m.unit_id) {
                ids.push(m.unit_id);
            }
        }
        ids
    };
    let mut current_members = members_of(&|m| latest_year.is_none_or(|y| m.covers(y)));
    if current_members.is_empty() {
        current_members = members_of(&|_| true);
    }
    let chairs: Vec<(i32, i32)> = public_terms
        .iter()
        .filter_map(|t| Some((t.year, t.chair_unit_id?)))
        .collect();
    let breaks = rotation::rotation_breaks(&current_members, &chairs);
    let not_yet_chaired = rotation::not_yet_chaired(&current_members, &chairs)
        .into_iter()
        .filter_map(|id| names.unit(id))
        .collect();

    let officer = |unit: Option<i32>, person: Option<i32>, title: &Option<String>| {
        names.unit_opt(unit).map(|unit| Officer {
            unit,
            person: names.person(person),
            title: title.clone(),
        })
    };
    // The kinds of conference a term's year has on record, in date order;
    // none for a chair elected for next year, whose year has no record yet.
    let kinds_of = |t: &crate::rotation::terms::ChairTerm| -> Vec<&'static str> {
        let mut kinds: Vec<&'static str> = Vec::new();
        if t.elected_for_next_year {
            return kinds;
        }
        let ids: Vec<i32> = years
            .iter()
            .filter(|y| y.year == t.year)
            .map(|y| y.id)
            .collect();
        for (_, kind) in conference_kinds.iter().filter(|(id, _)| ids.contains(id)) {
            let label = crate::domain::labels::conference_kind_label(kind);
            if !kinds.contains(&label) {
                kinds.push(label);
            }
        }
        kinds
    };
    let terms = public_terms
        .iter()
        .map(|t| TermRow {
            year: t.year,
            chair: officer(t.chair_unit_id, t.chair_person_id, &t.chair_person_title),
            vice_chair: officer(
                t.vice_chair_unit_id,
                t.vice_chair_person_id,
                &t.vice_chair_person_title,
            ),
            selection: t.selection,
            conferences: kinds_of(t),
            has_conference: !kinds_of(t).is_empty(),
            breaks_rotation: breaks.contains(&t.year),
            elected_note: t.elected_note(),
            page_year: if t.elected_for_next_year {
                t.year - 1
            } else {
                t.year
            },
        })
        .collect();

    let year_of: HashMap<i32, i32> = years.iter().map(|y| (y.id, y.year)).collect();
    let mut by_year: BTreeMap<i32, (usize, usize)> = BTreeMap::new();
    let mut totals: BTreeMap<(i32, i32), AwardTotal> = BTreeMap::new();
    for (year_id, status, kind) in awards {
        if let Some(year) = year_of.get(&year_id) {
            let counts = by_year.entry(*year).or_default();
            counts.0 += 1;
            counts.1 += usize::from(status == "decided");
        }
        let total = totals.entry((kind.rank, kind.id)).or_insert(AwardTotal {
            kind,
            proposed: 0,
            decided: 0,
        });
        total.proposed += 1;
        if status == "decided" {
            total.decided += 1;
        }
    }

    let members = memberships
        .iter()
        .filter_map(|m| {
            Some(MemberRow {
                unit: names.unit(m.unit_id)?,
                span: m.span(),
                decision: m.decision_number.as_ref().map(|n| match m.decision_date {
                    Some(d) => format!("Quyết định số {n} ngày {}", dates::short(d)),
                    None => format!("Quyết định số {n}"),
                }),
            })
        })
        .collect();
    Ok(ClusterOverview {
        cluster,
        body,
        members,
        terms,
        not_yet_chaired,
        award_totals: totals.into_values().collect(),
        awards_by_year: by_year.into_iter().map(|(y, (p, d))| (y, p, d)).collect(),
    })
}
