//! Everything about one cluster-year, loaded with one query per section.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::DbConn;
use crate::domain::dates::Precision;
use crate::domain::{dates, figures, labels};
use crate::lookups::{Names, UnitLink};
use crate::models::*;
use crate::schema::*;
use crate::web::paragraphs::paragraphs;

/// A chair or vice chair: the member unit and who represented it.
#[derive(Debug, Clone)]
pub struct Officer {
    pub unit: UnitLink,
    pub person: Option<String>,
    pub title: Option<String>,
}

#[derive(Debug)]
pub struct ParticipantView {
    pub role: String,
    pub role_label: &'static str,
    pub person: Option<String>,
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub unit: Option<UnitLink>,
    pub remarks: Option<String>,
}

impl ParticipantView {
    /// Title and organisation as one phrase, without repeating an
    /// organisation the title already names: "Bí thư Huyện ủy An Lão", or
    /// "Các đồng chí lãnh đạo 5 huyện Trung du - Miền núi" for a delegation.
    pub fn description(&self) -> String {
        let title = self.title.as_deref().unwrap_or("");
        let organisation = self.organisation.as_deref().unwrap_or("");
        let separator = if self.person.is_some() { ", " } else { " " };
        if organisation.is_empty() || title.contains(organisation) {
            title.to_string()
        } else if title.is_empty() {
            organisation.to_string()
        } else {
            format!("{title}{separator}{organisation}")
        }
    }
}

#[derive(Debug)]
pub struct ConferenceView {
    pub record: Conference,
    pub title: String,
    pub kind_label: &'static str,
    /// "Sáng 30/03/2023".
    pub when: String,
    /// "Sáng ngày 30/03/2023", to open a sentence.
    pub when_sentence: String,
    pub date_long: String,
    pub host: Option<UnitLink>,
    pub participants: Vec<ParticipantView>,
    pub minutes: Vec<String>,
    pub source_published: Option<String>,
    /// Signed minutes: (id, file name).
    pub attachments: Vec<(i32, String)>,
}

impl ConferenceView {
    /// How the print's paragraph on the conference opens, as far as the
    /// report gives when and where: "Sáng ngày 07/02/2023, tại Hội trường
    /// …", "Tháng 12/2022, tại …", "Tại …", or "".
    pub fn opening(&self) -> String {
        let place = self
            .record
            .venue
            .clone()
            .or_else(|| self.record.locality.clone());
        match (self.when_sentence.is_empty(), place) {
            (false, Some(place)) => format!("{}, tại {place}", self.when_sentence),
            (false, None) => self.when_sentence.clone(),
            (true, Some(place)) => format!("Tại {place}"),
            (true, None) => String::new(),
        }
    }

    pub fn presiding(&self) -> impl Iterator<Item = &ParticipantView> {
        self.participants.iter().filter(|p| p.role == "presiding")
    }

    pub fn others(&self) -> impl Iterator<Item = &ParticipantView> {
        self.participants.iter().filter(|p| p.role != "presiding")
    }

    pub fn has_presiding(&self) -> bool {
        self.presiding().next().is_some()
    }
}

#[derive(Debug)]
pub struct FigureRow {
    /// None: the figure is for the cluster as a whole.
    pub unit: Option<UnitLink>,
    pub figure: String,
    pub year_on_year: String,
    pub plan: String,
    pub note: Option<String>,
    /// The figure as stored, for the spreadsheet downloads.
    pub stored: IndicatorValue,
}

/// A figure for the cluster as a whole ("tổng thu ngân sách toàn Cụm").
#[derive(Debug)]
pub struct ClusterFigure {
    pub name: String,
    pub measure_unit: String,
    pub figure: String,
    pub year_on_year: String,
    pub plan: String,
    pub note: Option<String>,
    pub stored: IndicatorValue,
}

/// One indicator with a row per member that reported it.
#[derive(Debug)]
pub struct IndicatorTable {
    pub name: String,
    pub measure_unit: String,
    pub rows: Vec<FigureRow>,
}

#[derive(Debug)]
pub struct ResultRow {
    pub unit: UnitLink,
    pub score: Option<String>,
    /// The score as stored ("95.5"), for the spreadsheet downloads.
    pub stored_score: Option<String>,
    pub rank: Option<i32>,
    pub grade: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug)]
pub struct AwardRow {
    pub id: i32,
    pub unit: UnitLink,
    pub kind: AwardKind,
    pub vote: String,
    pub status: String,
    pub status_label: &'static str,
    pub decision: String,
    pub note: Option<String>,
    /// The proposal as stored: votes and decision, for the downloads.
    pub stored: AwardProposal,
}

#[derive(Debug)]
pub struct CovenantView {
    pub year: i32,
    pub signed_on: Option<String>,
    pub place: Option<String>,
    pub content: Vec<String>,
}

/// How much of next year's record a year's page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NextShown {
    All,
    ElectedUnits,
    Nothing,
}

/// The chair and vice chair chosen for the next year.
#[derive(Debug)]
pub struct Succession {
    pub year: i32,
    pub chair: Option<Officer>,
    pub vice_chair: Option<Officer>,
    pub selection: &'static str,
    pub decision: String,
}

impl Succession {
    /// Whether the report names anyone for the next year.
    pub fn is_known(&self) -> bool {
        self.chair.is_some() || self.vice_chair.is_some()
    }
}

#[derive(Debug)]
pub struct YearSummary {
    /// "draft" or "published".
    pub status: String,
    pub cluster: Cluster,
    pub body: OrganisingBody,
    pub year: i32,
    pub theme: Option<String>,
    pub summary: Vec<String>,
    pub directions: Vec<String>,
    pub chair: Option<Officer>,
    pub vice_chair: Option<Officer>,
    pub chair_selection: &'static str,
    pub members: Vec<UnitLink>,
    pub conferences: Vec<ConferenceView>,
    pub movements: Vec<Movement>,
    pub cluster_figures: Vec<ClusterFigure>,
    pub indicators: Vec<IndicatorTable>,
    pub results: Vec<ResultRow>,
    pub awards: Vec<AwardRow>,
    /// Counts of titles the year reports (see `titles`).
    pub title_counts: Vec<crate::titles::TitleCountView>,
    pub next: Option<Succession>,
    pub covenant: Option<CovenantView>,
    pub next_covenant: Option<CovenantView>,
    pub years_on_record: Vec<i32>,
    /// Set when this year's or next year's chair chairs again before every
    /// member has chaired: allowed, but worth pointing out.
    pub rotation_warning: Option<String>,
}

impl YearSummary {
    pub fn previous_year(&self) -> Option<i32> {
        self.years_on_record
            .iter()
            .rev()
            .find(|&&y| y < self.year)
            .copied()
    }

    pub fn following_year(&self) -> Option<i32> {
        self.years_on_record
            .iter()
            .find(|&&y| y > self.year)
            .copied()
    }

    /// The year-end summary conference, which dates and places a printed report.
    pub fn main_conference(&self) -> Option<&ConferenceView> {
        self.conferences
            .iter()
            .find(|c| c.record.kind == "year_end_summary")
            .or(self.conferences.first())
    }

    /// "Bắc Kạn, ngày 07 tháng 02 năm 2023" for the printed report.
    /// "An Lão, ngày 07 tháng 02 năm 2023", or as much of it as is known.
    pub fn place_and_date(&self) -> String {
        match self.main_conference() {
            // "Thành phố Hòa An, ngày …": the line begins with a capital
            // even when the place was typed as it reads mid-sentence.
            Some(c) => labels::capitalise_first(
                &[c.record.locality.clone(), Some(c.date_long.clone())]
                    .into_iter()
                    .flatten()
                    .filter(|part| !part.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            None => String::new(),
        }
    }

    /// The optional sections the printed report has (see `years::sections`).
    pub fn print_sections(&self) -> super::sections::Present {
        super::sections::Present {
            movements: !(self.movements.is_empty()
                && self.summary.is_empty()
                && self.cluster_figures.is_empty()
                && self.indicators.is_empty()),
            conferences: self.conferences.len(),
            title_counts: !self.title_counts.is_empty(),
            next_officers: self.next.as_ref().is_some_and(Succession::is_known),
            next_covenant: self.next_covenant.is_some(),
            directions: !self.directions.is_empty(),
        }
    }

    /// "Tổng kết công tác thi đua, khen thưởng năm 2024", or "Sơ kết …"
    /// when the year's main conference is a mid-year review.
    pub fn report_subject(&self) -> String {
        labels::report_subject(
            self.main_conference().map(|c| c.record.kind.as_str()),
            self.year,
        )
    }

    /// "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024".
    pub fn report_title(&self) -> String {
        format!("Báo cáo {}", labels::lower_first(&self.report_subject()))
    }

    pub fn has_results(&self) -> bool {
        !self.results.is_empty()
    }
}

fn officer(
    names: &Names,
    unit: Option<i32>,
    person: Option<i32>,
    title: &Option<String>,
) -> Option<Officer> {
    names.unit_opt(unit).map(|unit| Officer {
        unit,
        person: names.person(person),
        title: title.clone(),
    })
}

/// A decision as far as known, with who made it (see
/// `labels::decision_by`).
fn decision_text(
    number: &Option<String>,
    date: Option<(chrono::NaiveDate, Precision)>,
    by: &Option<String>,
) -> String {
    labels::decision_by(
        number.as_deref(),
        date.map(|(d, precision)| dates::partial(d, precision)),
        by.as_deref(),
    )
}

fn covenant_view(c: &Covenant, year: i32) -> CovenantView {
    CovenantView {
        year,
        signed_on: c
            .signed_on
            .map(|d| dates::partial_phrase(d, Precision::from_code(&c.signed_on_precision)))
            .filter(|d| !d.is_empty()),
        place: c.place.clone(),
        content: paragraphs(c.content.as_deref()),
    }
}

/// Published years only, unless `include_drafts` (for the cluster's own
/// clerks and admins); a draft is 404 to everyone else.
pub fn load(
    conn: &mut DbConn,
    cluster_id: i32,
    year: i32,
    include_drafts: bool,
) -> QueryResult<YearSummary> {
    let cluster: Cluster = clusters::table
        .find(cluster_id)
        .select(Cluster::as_select())
        .first(conn)?;
    let body: OrganisingBody = organising_bodies::table
        .find(cluster.organising_body_id)
        .select(OrganisingBody::as_select())
        .first(conn)?;
    let visible_status: &[&str] = if include_drafts {
        &["published", "draft"]
    } else {
        &["published"]
    };
    let two_years: Vec<ClusterYear> = cluster_years::table
        .filter(cluster_years::cluster_id.eq(cluster_id))
        .filter(cluster_years::year.between(year, year + 1))
        .select(ClusterYear::as_select())
        .load(conn)?;
    let record = two_years
        .iter()
        .find(|y| y.year == year && visible_status.contains(&y.status.as_str()))
        .cloned()
        .ok_or(diesel::result::Error::NotFound)?;
    // Next year's chair and covenant were decided at this year's
    // conference: they belong to this year's record even while next
    // year's own record is still a draft.
    let next = two_years.into_iter().find(|y| y.year == year + 1);
    // What of next year's record this page may show: all of it when it is
    // published or the viewer may see its draft; else, only the chair and
    // vice chair units elected at this year's conference (as this year's
    // form wrote them, see `chair_elected_at_previous`), not who will
    // represent them or anything next year's own draft says.
    let next_shown = match &next {
        Some(n) if n.status == "published" || include_drafts => NextShown::All,
        Some(n) => {
            let elected: bool = cluster_years::table
                .find(n.id)
                .select(cluster_years::chair_elected_at_previous)
                .first(conn)?;
            if elected {
                NextShown::ElectedUnits
            } else {
                NextShown::Nothing
            }
        }
        None => NextShown::Nothing,
    };
    let years_on_record: Vec<i32> = cluster_years::table
        .filter(cluster_years::cluster_id.eq(cluster_id))
        .filter(cluster_years::status.eq_any(visible_status))
        .order(cluster_years::year)
        .select(cluster_years::year)
        .load(conn)?;

    let memberships: Vec<Membership> = Membership::of_cluster_in_year(cluster_id, year)
        .select(Membership::as_select())
        .load(conn)?;
    let conferences: Vec<Conference> = conferences::table
        .filter(conferences::cluster_year_id.eq(record.id))
        .order((conferences::held_on, conferences::id))
        .select(Conference::as_select())
        .load(conn)?;
    let conference_ids: Vec<i32> = conferences.iter().map(|c| c.id).collect();
    let files: Vec<(i32, i32, String)> = attachments::table
        .filter(attachments::conference_id.eq_any(&conference_ids))
        .order(attachments::id)
        .select((
            attachments::id,
            attachments::conference_id,
            attachments::file_name,
        ))
        .load(conn)?;
    let participants: Vec<Participant> = conference_participants::table
        .filter(conference_participants::conference_id.eq_any(&conference_ids))
        .order((
            conference_participants::conference_id,
            conference_participants::sort_order,
        ))
        .select(Participant::as_select())
        .load(conn)?;
    let movements: Vec<Movement> = cluster_year_movements::table
        .inner_join(movements::table)
        .filter(cluster_year_movements::cluster_year_id.eq(record.id))
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
    let values: Vec<(IndicatorValue, Indicator)> = indicator_values::table
        .inner_join(indicators::table)
        .filter(indicator_values::cluster_year_id.eq(record.id))
        .order((indicator_values::sort_order, indicator_values::id))
        .select((IndicatorValue::as_select(), Indicator::as_select()))
        .load(conn)?;
    let results: Vec<MemberResult> = member_results::table
        .filter(member_results::cluster_year_id.eq(record.id))
        .order((
            member_results::rank.is_null(),
            member_results::rank,
            member_results::id,
        ))
        .select(MemberResult::as_select())
        .load(conn)?;
    let mut awards: Vec<(AwardProposal, AwardKind)> = award_proposals::table
        .inner_join(award_kinds::table)
        .filter(award_proposals::cluster_year_id.eq(record.id))
        .order((award_proposals::sort_order, award_proposals::id))
        .select((AwardProposal::as_select(), AwardKind::as_select()))
        .load(conn)?;
    // Flags before certificates within each issuer's catalogue, national
    // first; the report's order among equals (a stable sort).
    let issuers = crate::awards::issuers::Issuers::load(conn)?;
    awards.sort_by(|a, b| issuers.compare_rank(&a.1, &b.1));
    let title_counts = crate::titles::of_year(conn, record.id)?;
    let covenant_years: Vec<i32> = [Some(record.id), next.as_ref().map(|n| n.id)]
        .into_iter()
        .flatten()
        .collect();
    let covenants: Vec<Covenant> = covenants::table
        .filter(covenants::cluster_year_id.eq_any(&covenant_years))
        .select(Covenant::as_select())
        .load(conn)?;

    // The chairs the rotation warning weighs: only terms this page may
    // show (a draft's chair is as private as the draft).
    let chairs: Vec<(i32, i32)> = cluster_years::table
        .filter(cluster_years::cluster_id.eq(cluster_id))
        .filter(cluster_years::year.le(year + 1))
        .filter(cluster_years::chair_unit_id.is_not_null())
        .select((
            cluster_years::year,
            cluster_years::chair_unit_id.assume_not_null(),
            cluster_years::status,
        ))
        .load::<(i32, i32, String)>(conn)?
        .into_iter()
        .filter(|(y, _, status)| {
            status == "published"
                || include_drafts
                || (*y == year + 1 && next_shown != NextShown::Nothing)
        })
        .map(|(y, unit, _)| (y, unit))
        .collect();
    let member_ids: Vec<i32> = memberships.iter().map(|m| m.unit_id).collect();
    let breaks = crate::domain::rotation::rotation_breaks(&member_ids, &chairs);
    let names = Names::load(
        conn,
        [record.chair_unit_id, record.vice_chair_unit_id]
            .into_iter()
            .chain(
                next.iter()
                    .flat_map(|n| [n.chair_unit_id, n.vice_chair_unit_id]),
            )
            .chain(memberships.iter().map(|m| Some(m.unit_id)))
            .chain(conferences.iter().map(|c| c.host_unit_id))
            .chain(participants.iter().map(|p| p.unit_id))
            .chain(values.iter().map(|(v, _)| v.unit_id))
            .chain(results.iter().map(|r| Some(r.unit_id)))
            .chain(awards.iter().map(|(a, _)| Some(a.unit_id))),
        [record.chair_person_id, record.vice_chair_person_id]
            .into_iter()
            .chain(
                next.iter()
                    .flat_map(|n| [n.chair_person_id, n.vice_chair_person_id]),
            )
            .chain(participants.iter().map(|p| p.person_id)),
    )?;

    let mut participants_by_conference: HashMap<i32, Vec<ParticipantView>> = HashMap::new();
    for p in participants {
        participants_by_conference
            .entry(p.conference_id)
            .or_default()
            .push(ParticipantView {
                role_label: labels::participant_role_label(&p.role),
                role: p.role,
                person: names.person(p.person_id),
                title: p.title,
                organisation: p.organisation,
                unit: names.unit_opt(p.unit_id),
                remarks: p.remarks,
            });
    }
    let conferences = conferences
        .into_iter()
        .map(|c| {
            let part = c
                .part_of_day
                .as_deref()
                .map(labels::part_of_day_label)
                .unwrap_or("");
            // A part of the day goes with a full date only.
            let precision = c.precision();
            let part = if precision == Precision::Day {
                part
            } else {
                ""
            };
            let when = match part {
                "" => dates::partial_capitalised(c.held_on, precision),
                part => format!("{part} {}", c.date_text()),
            };
            let when_sentence = match (precision, part) {
                (Precision::Day, "") => format!("Ngày {}", dates::short(c.held_on)),
                (Precision::Day, part) => format!("{part} ngày {}", dates::short(c.held_on)),
                _ => dates::partial_capitalised(c.held_on, precision),
            };
            ConferenceView {
                title: c.display_title(),
                kind_label: c.kind_label(),
                when,
                when_sentence,
                date_long: dates::partial_long(c.held_on, precision),
                host: names.unit_opt(c.host_unit_id),
                participants: participants_by_conference.remove(&c.id).unwrap_or_default(),
                minutes: paragraphs(c.minutes.as_deref()),
                source_published: c.source_published_on.map(dates::short),
                attachments: files
                    .iter()
                    .filter(|(_, conference, _)| *conference == c.id)
                    .map(|(id, _, name)| (*id, name.clone()))
                    .collect(),
                record: c,
            }
        })
        .collect();

    // Figures for the whole cluster go in one table; member figures in one
    // table per indicator, in the order they were reported.
    let mut cluster_figures: Vec<ClusterFigure> = Vec::new();
    let mut indicators: Vec<IndicatorTable> = Vec::new();
    let mut table_of: HashMap<i32, usize> = HashMap::new();
    for (v, indicator) in values {
        if v.unit_id.is_none() {
            cluster_figures.push(ClusterFigure {
                name: indicator.name,
                measure_unit: indicator.measure_unit,
                figure: figures::figure(
                    v.value.as_deref(),
                    v.out_of.as_deref(),
                    v.estimated,
                    &v.bound,
                ),
                year_on_year: figures::year_on_year(
                    v.growth_pct.as_deref(),
                    v.same_period_pct.as_deref(),
                ),
                plan: figures::of_plan(v.plan_pct.as_deref()),
                note: v.note.clone(),
                stored: v,
            });
            continue;
        }
        let index = *table_of.entry(indicator.id).or_insert_with(|| {
            indicators.push(IndicatorTable {
                name: indicator.name.clone(),
                measure_unit: indicator.measure_unit.clone(),
                rows: Vec::new(),
            });
            indicators.len() - 1
        });
        indicators[index].rows.push(FigureRow {
            unit: names.unit_opt(v.unit_id),
            figure: figures::figure(
                v.value.as_deref(),
                v.out_of.as_deref(),
                v.estimated,
                &v.bound,
            ),
            year_on_year: figures::year_on_year(
                v.growth_pct.as_deref(),
                v.same_period_pct.as_deref(),
            ),
            plan: figures::of_plan(v.plan_pct.as_deref()),
            note: v.note.clone(),
            stored: v,
        });
    }

    let results = results
        .into_iter()
        .filter_map(|r| {
            Some(ResultRow {
                unit: names.unit(r.unit_id)?,
                score: r.score.as_deref().map(crate::domain::number::vietnamese),
                stored_score: r.score.clone(),
                rank: r.rank,
                grade: r.grade,
                note: r.note,
            })
        })
        .collect();
    let awards = awards
        .into_iter()
        .filter_map(|(a, kind)| {
            Some(AwardRow {
                id: a.id,
                unit: names.unit(a.unit_id)?,
                vote: a.vote_text(),
                status_label: a.status_label(),
                decision: decision_text(
                    &a.decision_number,
                    a.decision_date
                        .map(|d| (d, Precision::from_code(&a.decision_date_precision))),
                    &a.decided_by,
                ),
                status: a.status.clone(),
                note: a.note.clone(),
                stored: a,
                kind,
            })
        })
        .collect();

    let covenant = covenants
        .iter()
        .find(|c| c.cluster_year_id == record.id)
        .map(|c| covenant_view(c, year));
    let next_covenant = next.as_ref().and_then(|n| {
        covenants
            .iter()
            .find(|c| c.cluster_year_id == n.id)
            .map(|c| covenant_view(c, n.year))
    });
    let next = next
        .filter(|_| next_shown != NextShown::Nothing)
        .map(|mut n| {
            if next_shown == NextShown::ElectedUnits {
                n.chair_person_id = None;
                n.chair_person_title = None;
                n.vice_chair_person_id = None;
                n.vice_chair_person_title = None;
            }
            n
        });
    let next = next.map(|n| Succession {
        year: n.year,
        chair: officer(
            &names,
            n.chair_unit_id,
            n.chair_person_id,
            &n.chair_person_title,
        ),
        vice_chair: officer(
            &names,
            n.vice_chair_unit_id,
            n.vice_chair_person_id,
            &n.vice_chair_person_title,
        ),
        selection: n.chair_selection_label(),
        decision: decision_text(
            &n.chair_decision_number,
            n.chair_decision_date
                .map(|d| (d, Precision::from_code(&n.chair_decision_date_precision))),
            &None,
        ),
    });

    let rotation_warning = [year, year + 1]
        .into_iter()
        .find(|y| breaks.contains(y))
        .and_then(|y| {
            let unit = chairs.iter().find(|(cy, _)| *cy == y)?.1;
            Some(format!(
                "Lưu ý: {} làm {chair} năm {y} khi vẫn còn đơn vị thành viên chưa làm {chair}.",
                names.unit_name(unit),
                chair = cluster.chair_title(),
            ))
        });
    Ok(YearSummary {
        rotation_warning,
        status: record.status.clone(),
        chair: officer(
            &names,
            record.chair_unit_id,
            record.chair_person_id,
            &record.chair_person_title,
        ),
        vice_chair: officer(
            &names,
            record.vice_chair_unit_id,
            record.vice_chair_person_id,
            &record.vice_chair_person_title,
        ),
        chair_selection: record.chair_selection_label(),
        members: memberships
            .iter()
            .filter_map(|m| names.unit(m.unit_id))
            .collect(),
        theme: record.theme,
        summary: paragraphs(record.summary.as_deref()),
        directions: paragraphs(record.directions.as_deref()),
        year,
        cluster,
        body,
        conferences,
        movements,
        cluster_figures,
        indicators,
        results,
        awards,
        title_counts,
        next,
        covenant,
        next_covenant,
        years_on_record,
    })
}
