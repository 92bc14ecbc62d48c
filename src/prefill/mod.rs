//! "Điền từ bản tin": reading a conference's press report into proposed
//! values for the meeting form. Rule-based and deterministic: each rule is
//! a small named function over the report's sentences, with a test from a
//! real sentence. No HTTP and no SQL here: the caller gives the members
//! and the award catalogue of the cluster-year (`Roster`) and gets back
//! what the report says, each value with the sentence it came from.
//!
//! A wrong proposal costs a clerk more than an empty field, so a rule that
//! is unsure says so (`sure: false`): the form then leaves the field empty
//! and shows the candidate as a hint. A name that matches no member is
//! kept in `unmatched`, never dropped or guessed.

mod awards;
mod chairs;
mod conference;
mod dates;
mod figures;
mod movements;
mod people;
pub mod source;
pub mod text;
pub mod units;

use serde::Serialize;

pub use units::UnitRef;

/// A member or an award kind as the portal holds it.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub id: i32,
    pub name: String,
}

/// An award kind of the catalogue the cluster may propose.
#[derive(Debug, Clone)]
pub struct AwardChoice {
    pub id: i32,
    pub name: String,
    pub issuer: String,
}

/// What the portal knows of the cluster-year the report is read for.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    /// The record's year (the year a summary reviews); None lets the
    /// report's own "năm 2022" decide.
    pub year: Option<i32>,
    pub members: Vec<Named>,
    pub award_kinds: Vec<AwardChoice>,
}

/// One proposed value and where it came from.
#[derive(Debug, Clone, Serialize)]
pub struct Found<T> {
    pub value: T,
    /// The sentence of the report it was read from, as written.
    pub sentence: String,
    /// The rule that read it.
    pub rule: &'static str,
    /// False when the rule found a candidate it cannot vouch for: the
    /// form shows it as a hint and leaves the field empty.
    pub sure: bool,
}

impl<T> Found<T> {
    fn new(value: T, sentence: &text::Sentence, rule: &'static str) -> Self {
        Found {
            value,
            sentence: sentence.text.clone(),
            rule,
            sure: true,
        }
    }

    fn unsure(mut self) -> Self {
        self.sure = false;
        self
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Person {
    /// "presiding", "guest", "reporter" or "speaker", as the form's roles.
    pub role: &'static str,
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub unit: Option<UnitRef>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Movement {
    pub name: String,
    pub from: Option<i32>,
    pub to: Option<i32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// None: the whole cluster ("toàn Cụm").
    pub unit: Option<UnitRef>,
    pub indicator: String,
    pub measure: String,
    /// As written: "1.854,5".
    pub value: String,
    /// The form's qualifier codes: "", "estimated", "over", ...
    pub qualifier: &'static str,
    pub growth: Option<String>,
    pub same_period: Option<String>,
    pub plan: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rank {
    pub unit: UnitRef,
    pub rank: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Award {
    pub unit: UnitRef,
    /// The catalogue's kind, when the report's words fit exactly one.
    pub kind: Option<Named>,
    /// The words of the report naming it ("Cờ thi đua của UBND tỉnh").
    pub written: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Chair {
    pub unit: UnitRef,
    /// The year of office when the report gives it ("… làm Cụm trưởng năm
    /// 2023").
    pub year: Option<i32>,
    /// The form's selection codes: "elected", "handed_over", "proposed".
    pub selection: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Covenant {
    /// The year the covenant is for.
    pub year: i32,
}

/// Everything the rules read from one report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Proposal {
    /// The year the report reviews, read from its text.
    pub report_year: Option<Found<i32>>,
    /// The form's conference kind code.
    pub kind: Option<Found<&'static str>>,
    /// "07/02/2023", or "02/2023" when the day is not given.
    pub date: Option<Found<String>>,
    pub part: Option<Found<&'static str>>,
    /// The locality ("An Lão") and the venue as written.
    pub place: Option<Found<String>>,
    pub venue: Option<Found<String>>,
    pub host: Option<Found<UnitRef>>,
    pub members_present: Option<Found<u32>>,
    pub theme: Option<Found<String>>,
    pub movements: Vec<Found<Movement>>,
    pub people: Vec<Found<Person>>,
    /// This year's chair and vice chair, named by the titles of who spoke
    /// for them ("Cụm trưởng", "Phó Trưởng cụm").
    pub chair: Option<Found<Person>>,
    pub vice: Option<Found<Person>>,
    pub figures: Vec<Found<Figure>>,
    pub ranks: Vec<Found<Rank>>,
    /// The vote was unanimous ("bỏ phiếu thống nhất", "100% đại biểu").
    pub unanimous: Option<Found<bool>>,
    pub awards: Vec<Found<Award>>,
    pub next_chair: Option<Found<Chair>>,
    pub next_vice: Option<Found<Chair>>,
    pub covenant: Option<Found<Covenant>>,
    /// Names the report gives where a member is expected that match none.
    pub unmatched: Vec<Found<String>>,
}

/// Reads a report's text for the cluster-year described by `roster`.
pub fn read(report: &str, roster: &Roster) -> Proposal {
    let sentences = text::sentences(report);
    let members = units::Members::new(&roster.members);
    let mut p = Proposal {
        kind: conference::kind(&sentences),
        report_year: conference::report_year(&sentences),
        ..Default::default()
    };
    let year = roster.year.or(p.report_year.as_ref().map(|y| y.value));
    let kind = p.kind.as_ref().map_or("year_end_summary", |k| k.value);
    if let Some((date, part, at)) = dates::conference_date(&sentences, year, kind) {
        p.date = Some(date);
        p.part = part;
        // "Ngày 13/01/2023, Khối … tổ chức hội nghị. Hội nghị diễn ra
        // tại trụ sở Ban Dân tộc tỉnh.": the venue may follow the date.
        let mut found = conference::place(&sentences[at], &members);
        if found.1.is_none()
            && let Some(next) = sentences.get(at + 1)
            && next.paragraph == sentences[at].paragraph
        {
            found = conference::place(next, &members);
        }
        let (place, venue, host) = found;
        p.place = place;
        p.venue = venue;
        p.host = host;
    }
    if p.host.is_none() {
        p.host = conference::host_named(&sentences, &members);
    }
    p.members_present = conference::members_present(&sentences, members_count(roster));
    p.theme = movements::theme(&sentences);
    p.movements = movements::movements(&sentences);
    p.people = people::people(&sentences, &members);
    (p.chair, p.vice) = people::chairs_of_the_year(&p.people);
    p.figures = figures::figures(&sentences, &members);
    p.ranks = awards::ranks(&sentences, &members);
    p.unanimous = awards::unanimous(&sentences);
    let (found, unmatched) = awards::awards(&sentences, &members, &roster.award_kinds);
    p.awards = found;
    p.unmatched.extend(unmatched);
    let next_year = year.map(|y| if kind == "covenant_signing" { y } else { y + 1 });
    let chairs = chairs::next_chairs(&sentences, &members, year, kind);
    p.next_chair = chairs.chair;
    p.next_vice = chairs.vice;
    p.unmatched.extend(chairs.unmatched);
    p.covenant = chairs::covenant(&sentences, next_year);
    p
}

fn members_count(roster: &Roster) -> u32 {
    u32::try_from(roster.members.len()).unwrap_or(u32::MAX)
}

/// One proposed field as `thidua prefill` prints it.
#[derive(Debug, Serialize)]
pub struct Entry {
    pub field: &'static str,
    pub value: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_id: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub award_kind_id: Option<i32>,
    pub sentence: String,
    pub rule: &'static str,
    pub sure: bool,
}

impl Proposal {
    /// Every proposed field, one entry each, in the order of the form.
    pub fn entries(&self) -> Vec<Entry> {
        let mut out = Vec::new();
        fn push<T: Serialize>(
            out: &mut Vec<Entry>,
            field: &'static str,
            found: &Found<T>,
            unit_id: Option<i32>,
            award_kind_id: Option<i32>,
        ) {
            out.push(Entry {
                field,
                value: serde_json::to_value(&found.value).unwrap_or_default(),
                unit_id,
                award_kind_id,
                sentence: found.sentence.clone(),
                rule: found.rule,
                sure: found.sure,
            });
        }
        if let Some(f) = &self.report_year {
            push(&mut out, "report_year", f, None, None);
        }
        if let Some(f) = &self.kind {
            push(&mut out, "kind", f, None, None);
        }
        if let Some(f) = &self.date {
            push(&mut out, "date", f, None, None);
        }
        if let Some(f) = &self.part {
            push(&mut out, "part", f, None, None);
        }
        if let Some(f) = &self.place {
            push(&mut out, "place", f, None, None);
        }
        if let Some(f) = &self.venue {
            push(&mut out, "venue", f, None, None);
        }
        if let Some(f) = &self.host {
            push(&mut out, "host", f, Some(f.value.id), None);
        }
        if let Some(f) = &self.members_present {
            push(&mut out, "members_present", f, None, None);
        }
        if let Some(f) = &self.theme {
            push(&mut out, "theme", f, None, None);
        }
        for f in &self.movements {
            push(&mut out, "movement", f, None, None);
        }
        for f in &self.people {
            let field = match f.value.role {
                "presiding" => "presiding",
                "guest" => "guest",
                _ => "participant",
            };
            push(
                &mut out,
                field,
                f,
                f.value.unit.as_ref().map(|u| u.id),
                None,
            );
        }
        if let Some(f) = &self.chair {
            push(
                &mut out,
                "chair",
                f,
                f.value.unit.as_ref().map(|u| u.id),
                None,
            );
        }
        if let Some(f) = &self.vice {
            push(
                &mut out,
                "vice",
                f,
                f.value.unit.as_ref().map(|u| u.id),
                None,
            );
        }
        for f in &self.figures {
            push(
                &mut out,
                "figure",
                f,
                f.value.unit.as_ref().map(|u| u.id),
                None,
            );
        }
        for f in &self.ranks {
            push(&mut out, "rank", f, Some(f.value.unit.id), None);
        }
        if let Some(f) = &self.unanimous {
            push(&mut out, "vote", f, None, None);
        }
        for f in &self.awards {
            let kind = f.value.kind.as_ref().map(|k| k.id);
            push(&mut out, "award", f, Some(f.value.unit.id), kind);
        }
        if let Some(f) = &self.next_chair {
            push(&mut out, "next_chair", f, Some(f.value.unit.id), None);
        }
        if let Some(f) = &self.next_vice {
            push(&mut out, "next_vice", f, Some(f.value.unit.id), None);
        }
        if let Some(f) = &self.covenant {
            push(&mut out, "covenant", f, None, None);
        }
        for f in &self.unmatched {
            push(&mut out, "unmatched", f, None, None);
        }
        out
    }
}
