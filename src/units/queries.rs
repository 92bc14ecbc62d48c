use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::DbConn;
use crate::domain::{dates, figures, labels};
use crate::lookups::UnitLink;
use crate::models::*;
use crate::schema::*;

pub struct ClusterLink {
    pub id: i32,
    pub name: String,
}

pub struct MembershipItem {
    pub cluster: ClusterLink,
    pub span: String,
}

pub struct TermItem {
    pub cluster: ClusterLink,
    pub year: i32,
    /// The published year page that tells of this term.
    pub page_year: i32,
    /// "đã bầu tại hội nghị tổng kết năm 2022" for a term whose own year
    /// is not yet published.
    pub elected_note: String,
    pub role: &'static str,
    pub person: Option<String>,
    pub selection: &'static str,
}

pub struct AwardItem {
    pub cluster: ClusterLink,
    pub year: i32,
    pub kind: String,
    pub status: &'static str,
    pub decided: bool,
    pub decision: Option<String>,
}

/// The unit's score and rank in one published year of a cluster.
pub struct RankItem {
    pub cluster: ClusterLink,
    pub year: i32,
    pub rank: Option<i32>,
    /// How many members were ranked that year.
    pub out_of: Option<i64>,
    /// Shown the Vietnamese way: "98,5".
    pub score: Option<String>,
    pub grade: Option<String>,
    pub note: Option<String>,
}

pub struct FigureItem {
    pub cluster: ClusterLink,
    pub year: i32,
    pub indicator: String,
    pub measure_unit: String,
    /// The figure as a number, for the chart of a repeated indicator.
    pub value: Option<crate::domain::number::Decimal>,
    pub figure: String,
    pub year_on_year: String,
    pub plan: String,
    pub note: Option<String>,
}

pub struct UnitOverview {
    pub unit: Unit,
    pub full_name: String,
    /// The full name with a capital, for the page heading: "Huyện Na Rì".
    pub heading: String,
    pub parent: Option<UnitLink>,
    pub successor: Option<UnitLink>,
    pub predecessors: Vec<UnitLink>,
    pub children: Vec<UnitLink>,
    pub memberships: Vec<MembershipItem>,
    pub terms: Vec<TermItem>,
    /// "Khối trưởng, Khối phó" for a unit of blocks only.
    pub terms_heading: String,
    pub awards: Vec<AwardItem>,
    pub ranks: Vec<RankItem>,
    pub figures: Vec<FigureItem>,
    /// The unit's own counts of titles, by year.
    pub title_counts: Vec<crate::titles::UnitTitleCount>,
}

impl UnitOverview {
    pub fn validity(&self) -> String {
        match (self.unit.valid_from, self.unit.valid_to) {
            (Some(a), Some(b)) => format!("{} – {}", dates::short(a), dates::short(b)),
            (Some(a), None) => format!("từ {}", dates::short(a)),
            (None, Some(b)) => format!("đến {}", dates::short(b)),
            (None, None) => String::new(),
        }
    }
}

fn links(units: Vec<Unit>) -> Vec<UnitLink> {
    units.iter().map(UnitLink::of).collect()
}

pub fn overview(conn: &mut DbConn, unit_id: i32) -> QueryResult<UnitOverview> {
    let unit: Unit = units::table
        .find(unit_id)
        .select(Unit::as_select())
        .first(conn)?;
    let mut related: Vec<Unit> = units::table
        .filter(
            units::id
                .nullable()
                .eq(unit.parent_id)
                .or(units::id.nullable().eq(unit.successor_id))
                .or(units::successor_id.eq(unit_id))
                .or(units::parent_id.eq(unit_id)),
        )
        .order(units::id)
        .select(Unit::as_select())
        .load(conn)?;
    crate::domain::collate::sort_by_name(&mut related, |u| &u.name);
    let memberships: Vec<(Membership, i32, String, String)> = memberships::table
        .inner_join(clusters::table)
        .filter(memberships::unit_id.eq(unit_id))
        .order(memberships::from_year)
        .select((
            Membership::as_select(),
            clusters::id,
            clusters::name,
            clusters::kind,
        ))
        .load(conn)?;
    let terms =
        crate::rotation::terms::public_terms(conn, crate::rotation::terms::Scope::Unit(unit_id))?;
    let term_clusters: Vec<(i32, String, String)> = clusters::table
        .filter(clusters::id.eq_any(terms.iter().map(|t| t.cluster_id).collect::<Vec<_>>()))
        .select((clusters::id, clusters::name, clusters::kind))
        .load(conn)?;
    let mut terms: Vec<_> = terms
        .into_iter()
        .filter_map(|t| {
            let (_, name, kind) = term_clusters.iter().find(|c| c.0 == t.cluster_id)?;
            Some((t, name.clone(), kind.clone()))
        })
        .collect();
    terms.sort_by_key(|(t, ..)| (t.year, t.cluster_id));
    let mut kinds: Vec<&str> = memberships
        .iter()
        .map(|m| m.3.as_str())
        .chain(terms.iter().map(|t| t.2.as_str()))
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    let terms_heading = match kinds.as_slice() {
        [kind] => format!(
            "{}, {}",
            labels::chair_title(kind),
            labels::vice_chair_title(kind)
        ),
        [] => "Cụm trưởng, Cụm phó".to_string(),
        _ => "Cụm trưởng, Khối trưởng".to_string(),
    };
    let term_people: Vec<i32> = terms
        .iter()
        .flat_map(|(t, ..)| [t.chair_person_id, t.vice_chair_person_id])
        .flatten()
        .collect();
    let people: Vec<Person> = people::table
        .filter(people::id.eq_any(&term_people))
        .select(Person::as_select())
        .load(conn)?;
    let mut awards: Vec<(AwardProposal, AwardKind, i32, i32, String)> = award_proposals::table
        .inner_join(award_kinds::table)
        .inner_join(cluster_years::table.inner_join(clusters::table))
        .filter(award_proposals::unit_id.eq(unit_id))
        .filter(cluster_years::status.eq("published"))
        .order((cluster_years::year.desc(), award_proposals::id))
        .select((
            AwardProposal::as_select(),
            AwardKind::as_select(),
            cluster_years::year,
            clusters::id,
            clusters::name,
        ))
        .load(conn)?;
    // Newest year first; within a year, each issuer's flags before its
    // certificates, national first.
    let issuers = crate::awards::issuers::Issuers::load(conn)?;
    awards.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| issuers.compare_rank(&a.1, &b.1)));
    let ranks: Vec<(MemberResult, i32, i32, String)> = member_results::table
        .inner_join(cluster_years::table.inner_join(clusters::table))
        .filter(member_results::unit_id.eq(unit_id))
        .filter(cluster_years::status.eq("published"))
        .order((cluster_years::year.desc(), clusters::id))
        .select((
            MemberResult::as_select(),
            cluster_years::year,
            clusters::id,
            clusters::name,
        ))
        .load(conn)?;
    // How many were ranked in each of those years: the bottom of the chart.
    let ranked_years: Vec<i32> = ranks.iter().map(|r| r.0.cluster_year_id).collect();
    let ranked: HashMap<i32, i64> = member_results::table
        .filter(member_results::cluster_year_id.eq_any(&ranked_years))
        .filter(member_results::rank.is_not_null())
        .group_by(member_results::cluster_year_id)
        .select((member_results::cluster_year_id, diesel::dsl::count_star()))
        .load::<(i32, i64)>(conn)?
        .into_iter()
        .collect();
    let figures: Vec<(IndicatorValue, Indicator, i32, i32, String)> = indicator_values::table
        .inner_join(indicators::table)
        .inner_join(cluster_years::table.inner_join(clusters::table))
        .filter(indicator_values::unit_id.eq(unit_id))
        .filter(cluster_years::status.eq("published"))
        .order((cluster_years::year.desc(), indicator_values::sort_order))
        .select((
            IndicatorValue::as_select(),
            Indicator::as_select(),
            cluster_years::year,
            clusters::id,
            clusters::name,
        ))
        .load(conn)?;

    let person_name = |id: Option<i32>| {
        id.and_then(|id| {
            people
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.full_name.clone())
        })
    };
    let pick = |pred: &dyn Fn(&Unit) -> bool| -> Vec<Unit> {
        related.iter().filter(|u| pred(u)).cloned().collect()
    };
    let full_name = unit.full_name();
    let mut heading = full_name.chars();
    let heading = match heading.next() {
        Some(first) => first.to_uppercase().chain(heading).collect(),
        None => String::new(),
    };
    let title_counts = crate::titles::of_unit(conn, unit_id)?;
    Ok(UnitOverview {
        title_counts,
        terms_heading,
        heading,
        full_name,
        parent: pick(&|u| Some(u.id) == unit.parent_id)
            .first()
            .map(UnitLink::of),
        successor: pick(&|u| Some(u.id) == unit.successor_id)
            .first()
            .map(UnitLink::of),
        predecessors: links(pick(&|u| u.successor_id == Some(unit_id))),
        children: links(pick(&|u| u.parent_id == Some(unit_id))),
        memberships: memberships
            .into_iter()
            .map(|(m, id, name, _)| MembershipItem {
                cluster: ClusterLink { id, name },
                span: m.span(),
            })
            .collect(),
        terms: terms
            .iter()
            .map(|(t, name, kind)| {
                let is_chair = t.chair_unit_id == Some(unit_id);
                TermItem {
                    cluster: ClusterLink {
                        id: t.cluster_id,
                        name: name.clone(),
                    },
                    year: t.year,
                    // An elected chair's own year is still a draft: link
                    // the published year whose conference elected it.
                    page_year: if t.elected_for_next_year {
                        t.year - 1
                    } else {
                        t.year
                    },
                    role: if is_chair {
                        labels::chair_title(kind)
                    } else {
                        labels::vice_chair_title(kind)
                    },
                    person: person_name(if is_chair {
                        t.chair_person_id
                    } else {
                        t.vice_chair_person_id
                    }),
                    selection: if is_chair { t.selection } else { "" },
                    elected_note: t.elected_note(),
                }
            })
            .collect(),
        awards: awards
            .into_iter()
            .map(|(a, kind, year, id, name)| AwardItem {
                cluster: ClusterLink { id, name },
                year,
                kind: kind.name,
                status: a.status_label(),
                decided: a.is_decided(),
                decision: Some(a.decision_text()).filter(|d| !d.is_empty()),
            })
            .collect(),
        ranks: ranks
            .into_iter()
            .map(|(r, year, id, name)| RankItem {
                cluster: ClusterLink { id, name },
                year,
                out_of: ranked.get(&r.cluster_year_id).copied(),
                rank: r.rank,
                score: r.score.as_deref().map(crate::domain::number::vietnamese),
                grade: r.grade,
                note: r.note,
            })
            .collect(),
        figures: figures
            .into_iter()
            .map(|(v, indicator, year, id, name)| FigureItem {
                cluster: ClusterLink { id, name },
                year,
                figure: figures::figure_with_unit(
                    v.value.as_deref(),
                    v.out_of.as_deref(),
                    v.estimated,
                    &v.bound,
                    &indicator.measure_unit,
                ),
                year_on_year: figures::year_on_year(
                    v.growth_pct.as_deref(),
                    v.same_period_pct.as_deref(),
                ),
                plan: figures::of_plan(v.plan_pct.as_deref()),
                value: v
                    .value
                    .as_deref()
                    .and_then(|t| crate::domain::number::Decimal::parse_plain(t).ok()),
                note: v.note,
                measure_unit: indicator.measure_unit,
                indicator: indicator.name,
            })
            .collect(),
        unit,
    })
}
