//! Reads what is on record into the form and its context.

use diesel::prelude::*;

use super::form::{
    AwardRow, FigureRow, IndicatorBlock, MovementRow, ParticipantRow, ResultRow, TitleCountRow,
    YearForm,
};
use super::validate::Context;
use crate::db::DbConn;
use crate::domain::dates::{Precision, typed_back};
use crate::lookups::{Names, UnitLink};
use crate::models::*;
use crate::schema::*;

/// Member units of a cluster in a year, in their listed order.
fn members_in(conn: &mut DbConn, cluster_id: i32, year: i32) -> QueryResult<Vec<UnitLink>> {
    let mut unit_ids: Vec<i32> = Membership::of_cluster_in_year(cluster_id, year)
        .select(memberships::unit_id)
        .load(conn)?;
    // A unit listed twice (two spans touching the year) appears once.
    let mut seen = std::collections::HashSet::new();
    unit_ids.retain(|id| seen.insert(*id));
    let names = Names::load(conn, unit_ids.iter().map(|id| Some(*id)), [])?;
    Ok(unit_ids
        .into_iter()
        .filter_map(|id| names.unit(id))
        .collect())
}

pub fn context(conn: &mut DbConn, cluster_id: i32, year: i32) -> QueryResult<Context> {
    let cluster: Cluster = clusters::table
        .find(cluster_id)
        .select(Cluster::as_select())
        .first(conn)?;
    // A year without its own member list takes the latest earlier one: the
    // cluster rarely changes, and the clerk must be able to name its chair.
    let mut members = members_in(conn, cluster_id, year)?;
    let mut earlier = year - 1;
    while members.is_empty() && earlier >= year - 5 {
        members = members_in(conn, cluster_id, earlier)?;
        earlier -= 1;
    }
    let mut next_members = members_in(conn, cluster_id, year + 1)?;
    if next_members.is_empty() {
        next_members = members.clone();
    }
    let conference_units = conference_units(conn, cluster_id, year, &members)?;
    // The cluster's own body's awards and the national ones; a kind the
    // year already holds stays offered so the record opens and saves as is.
    let held: Vec<i32> = award_proposals::table
        .inner_join(cluster_years::table)
        .filter(cluster_years::cluster_id.eq(cluster_id))
        .filter(cluster_years::year.eq(year))
        .select(award_proposals::award_kind_id)
        .load(conn)?;
    let (issuers, award_kinds) =
        crate::awards::issuers::offered(conn, cluster.organising_body_id, &held)?;
    let award_groups = crate::awards::issuers::groups(&issuers, &award_kinds);
    Ok(Context {
        cluster,
        year,
        conference_units,
        members,
        next_members,
        award_kinds,
        award_groups,
    })
}

/// The units a conference may name as host or as a participant's unit:
/// the members, then any other unit the year's conferences already name
/// (a district's own council hosting its communes' summary), so that
/// opening and saving a form never drops one.
fn conference_units(
    conn: &mut DbConn,
    cluster_id: i32,
    year: i32,
    members: &[UnitLink],
) -> QueryResult<Vec<UnitLink>> {
    let of_year = conferences::table
        .inner_join(cluster_years::table)
        .filter(cluster_years::cluster_id.eq(cluster_id))
        .filter(cluster_years::year.eq(year));
    let hosts: Vec<Option<i32>> = of_year.select(conferences::host_unit_id).load(conn)?;
    let represented: Vec<Option<i32>> = conference_participants::table
        .inner_join(conferences::table.inner_join(cluster_years::table))
        .filter(cluster_years::cluster_id.eq(cluster_id))
        .filter(cluster_years::year.eq(year))
        .select(conference_participants::unit_id)
        .load(conn)?;
    let mut others: Vec<i32> = hosts
        .into_iter()
        .chain(represented)
        .flatten()
        .filter(|id| !members.iter().any(|m| m.id == *id))
        .collect();
    others.sort_unstable();
    others.dedup();
    let names = Names::load(conn, others.iter().map(|id| Some(*id)), [])?;
    // The members keep the cluster's listed order; the others come after,
    // by name.
    let mut others: Vec<UnitLink> = others.into_iter().filter_map(|id| names.unit(id)).collect();
    crate::domain::collate::sort_by_name(&mut others, |u| &u.name);
    Ok(members.iter().cloned().chain(others).collect())
}

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn qualifier(estimated: bool, bound: &str) -> String {
    match (estimated, bound) {
        (true, "over") => "estimated_over",
        (true, "nearly") => "estimated_nearly",
        (true, _) => "estimated",
        (false, "over") => "over",
        (false, "nearly") => "nearly",
        _ => "",
    }
    .to_string()
}

/// Shows a stored plain decimal as a clerk would type it ("525,2").
fn typed(value: &Option<String>) -> String {
    value
        .as_deref()
        .map(crate::domain::number::vietnamese)
        .unwrap_or_default()
}

/// The form for a cluster-year as recorded; a year not yet recorded gets a
/// blank form (with the chair already chosen for it, if any).
/// Which conference of the year the form shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Which {
    /// The year-end summary, else the first one on record.
    Main,
    /// A blank conference to add (a mid-year review, a covenant signing).
    New,
    Id(i32),
}

impl Which {
    /// From the `?conference=` parameter: "new", an id, or nothing.
    pub fn from_query(value: Option<&str>) -> Self {
        match value {
            Some("new") => Which::New,
            Some(id) => id.parse().map(Which::Id).unwrap_or(Which::Main),
            None => Which::Main,
        }
    }
}

pub fn form(conn: &mut DbConn, ctx: &Context, which: Which) -> QueryResult<YearForm> {
    let (cluster_id, year) = (ctx.cluster.id, ctx.year);
    let records: Vec<ClusterYear> = cluster_years::table
        .filter(cluster_years::cluster_id.eq(cluster_id))
        .filter(cluster_years::year.between(year, year + 1))
        .select(ClusterYear::as_select())
        .load(conn)?;
    let this = records.iter().find(|r| r.year == year);
    let next = records.iter().find(|r| r.year == year + 1);
    let mut form = YearForm {
        version: "0".to_string(),
        status: "draft".to_string(),
        conf_kind: "year_end_summary".to_string(),
        ..Default::default()
    };
    if let Some(next) = next {
        form.next_chair = next
            .chair_unit_id
            .map(|u| u.to_string())
            .unwrap_or_default();
        form.next_vice = next
            .vice_chair_unit_id
            .map(|u| u.to_string())
            .unwrap_or_default();
        form.next_selection = text(&next.chair_selection);
        form.next_decision_number = text(&next.chair_decision_number);
        form.next_decision_date = next
            .chair_decision_date
            .map(|d| typed_back(d, Precision::from_code(&next.chair_decision_date_precision)))
            .unwrap_or_default();
        if let Some(c) = covenants::table
            .filter(covenants::cluster_year_id.eq(next.id))
            .select(Covenant::as_select())
            .first(conn)
            .optional()?
        {
            form.cov_date = c
                .signed_on
                .map(|d| typed_back(d, Precision::from_code(&c.signed_on_precision)))
                .unwrap_or_default();
            form.cov_place = text(&c.place);
            form.cov_content = text(&c.content);
        }
    }
    let Some(this) = this else {
        return Ok(form);
    };
    let version: i32 = cluster_years::table
        .find(this.id)
        .select(cluster_years::version)
        .first(conn)?;
    form.version = version.to_string();
    form.status = this.status.clone();
    form.theme = text(&this.theme);
    form.summary = text(&this.summary);
    form.directions = text(&this.directions);
    form.chair_unit = this
        .chair_unit_id
        .map(|u| u.to_string())
        .unwrap_or_default();
    form.chair_title = text(&this.chair_person_title);
    form.vice_unit = this
        .vice_chair_unit_id
        .map(|u| u.to_string())
        .unwrap_or_default();
    form.vice_title = text(&this.vice_chair_person_title);

    let conferences: Vec<Conference> = conferences::table
        .filter(conferences::cluster_year_id.eq(this.id))
        .order((conferences::held_on, conferences::id))
        .select(Conference::as_select())
        .load(conn)?;
    let conference = match which {
        Which::New => None,
        Which::Id(id) => Some(
            conferences
                .iter()
                .find(|c| c.id == id)
                .ok_or(diesel::result::Error::NotFound)?,
        ),
        Which::Main => conferences
            .iter()
            .find(|c| c.kind == "year_end_summary")
            .or(conferences.first()),
    };
    if which == Which::New {
        form.conf_kind = "mid_year_review".to_string();
    }
    let participants: Vec<Participant> = match conference {
        Some(c) => conference_participants::table
            .filter(conference_participants::conference_id.eq(c.id))
            .order(conference_participants::sort_order)
            .select(Participant::as_select())
            .load(conn)?,
        None => Vec::new(),
    };
    let names = Names::load(
        conn,
        [],
        participants
            .iter()
            .map(|p| p.person_id)
            .chain([this.chair_person_id, this.vice_chair_person_id]),
    )?;
    form.chair_person = names.person(this.chair_person_id).unwrap_or_default();
    form.vice_person = names.person(this.vice_chair_person_id).unwrap_or_default();
    if let Some(c) = conference {
        form.conference_id = c.id.to_string();
        form.conf_kind = c.kind.clone();
        form.conf_title = text(&c.title);
        form.conf_date = typed_back(c.held_on, c.precision());
        form.conf_part = text(&c.part_of_day);
        form.conf_locality = text(&c.locality);
        form.conf_venue = text(&c.venue);
        form.conf_host = c.host_unit_id.map(|u| u.to_string()).unwrap_or_default();
        form.members_present = c.members_present.map(|n| n.to_string()).unwrap_or_default();
        form.minutes = text(&c.minutes);
        form.participants = participants
            .iter()
            .map(|p| ParticipantRow {
                role: p.role.clone(),
                name: names.person(p.person_id).unwrap_or_default(),
                title: text(&p.title),
                organisation: text(&p.organisation),
                unit: p.unit_id.map(|u| u.to_string()).unwrap_or_default(),
                remarks: text(&p.remarks),
            })
            .collect();
    }
    let movement_rows: Vec<Movement> = cluster_year_movements::table
        .inner_join(movements::table)
        .filter(cluster_year_movements::cluster_year_id.eq(this.id))
        .order(cluster_year_movements::sort_order)
        .select((
            Movement::as_select(),
            cluster_year_movements::from_year,
            cluster_year_movements::to_year,
        ))
        .load::<(Movement, Option<i32>, Option<i32>)>(conn)?
        .into_iter()
        .map(|(m, from, to)| m.as_reported(from, to))
        .collect();
    let year_text = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
    form.movements = movement_rows
        .into_iter()
        .map(|m| MovementRow {
            from: year_text(m.from_year),
            to: year_text(m.to_year),
            name: m.name,
        })
        .collect();

    let values: Vec<(IndicatorValue, Indicator)> = indicator_values::table
        .inner_join(indicators::table)
        .filter(indicator_values::cluster_year_id.eq(this.id))
        .order((indicator_values::sort_order, indicator_values::id))
        .select((IndicatorValue::as_select(), Indicator::as_select()))
        .load(conn)?;
    for (v, indicator) in values {
        let position = match form
            .indicators
            .iter()
            .position(|b| b.name == indicator.name && b.measure == indicator.measure_unit)
        {
            Some(p) => p,
            None => {
                form.indicators.push(IndicatorBlock {
                    name: indicator.name.clone(),
                    measure: indicator.measure_unit.clone(),
                    members: ctx
                        .members
                        .iter()
                        .map(|m| (m.id, FigureRow::default()))
                        .collect(),
                    ..Default::default()
                });
                form.indicators.len() - 1
            }
        };
        let row = FigureRow {
            value: match &v.out_of {
                Some(_) => format!("{}/{}", typed(&v.value), typed(&v.out_of)),
                None => typed(&v.value),
            },
            qualifier: qualifier(v.estimated, &v.bound),
            growth: typed(&v.growth_pct),
            same_period: typed(&v.same_period_pct),
            plan: typed(&v.plan_pct),
            note: text(&v.note),
        };
        let block = &mut form.indicators[position];
        match v.unit_id {
            None => block.whole = row,
            Some(unit) => match block.members.iter_mut().find(|(u, _)| *u == unit) {
                Some(slot) => slot.1 = row,
                None => block.members.push((unit, row)),
            },
        }
    }
    let results: Vec<MemberResult> = member_results::table
        .filter(member_results::cluster_year_id.eq(this.id))
        .select(MemberResult::as_select())
        .load(conn)?;
    form.results = results
        .into_iter()
        .map(|r| {
            (
                r.unit_id,
                ResultRow {
                    score: typed(&r.score),
                    rank: r.rank.map(|n| n.to_string()).unwrap_or_default(),
                    grade: text(&r.grade),
                    note: text(&r.note),
                },
            )
        })
        .collect();
    let awards: Vec<AwardProposal> = award_proposals::table
        .filter(award_proposals::cluster_year_id.eq(this.id))
        .order((award_proposals::sort_order, award_proposals::id))
        .select(AwardProposal::as_select())
        .load(conn)?;
    form.awards = awards
        .iter()
        .map(|a| AwardRow {
            unit: a.unit_id.to_string(),
            kind: a.award_kind_id.to_string(),
            votes_for: a.votes_for.map(|n| n.to_string()).unwrap_or_default(),
            votes_against: a.votes_against.map(|n| n.to_string()).unwrap_or_default(),
            votes_abstain: a.votes_abstain.map(|n| n.to_string()).unwrap_or_default(),
            unanimous: a.unanimous,
        })
        .collect();
    #[allow(clippy::type_complexity)]
    let counts: Vec<(Option<i32>, String, String, i32, Option<String>)> = title_counts::table
        .filter(title_counts::cluster_year_id.eq(this.id))
        .order((title_counts::sort_order, title_counts::id))
        .select((
            title_counts::unit_id,
            title_counts::title,
            title_counts::recipient,
            title_counts::count,
            title_counts::note,
        ))
        .load(conn)?;
    form.title_counts = counts
        .into_iter()
        .map(|(unit, title, recipient, count, note)| TitleCountRow {
            unit: unit.map(|u| u.to_string()).unwrap_or_default(),
            title,
            recipient,
            count: crate::domain::number::count(i64::from(count)),
            note: text(&note),
        })
        .collect();
    Ok(form)
}

/// The files attached to a conference: (id, name, size in KB).
pub fn attachments(
    conn: &mut DbConn,
    conference_id: Option<i32>,
) -> QueryResult<Vec<(i32, String, String)>> {
    let Some(conference_id) = conference_id else {
        return Ok(Vec::new());
    };
    let rows: Vec<(i32, String, i32)> = attachments::table
        .filter(attachments::conference_id.eq(conference_id))
        .order(attachments::id)
        .select((attachments::id, attachments::file_name, attachments::size))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, size)| {
            (
                id,
                name,
                crate::domain::number::count((i64::from(size) + 1023) / 1024),
            )
        })
        .collect())
}
