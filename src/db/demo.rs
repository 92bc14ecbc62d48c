//! The demo data set: the facts of the five seed reports, entered by hand in
//! `demo.toml` and loaded into a new, empty database by `serve`.
//!
//! The file refers to records by short keys (`unit = "loc-ha"`), which the
//! loader turns into row ids; everything is written in one transaction.

use chrono::NaiveDate;
use serde::Deserialize;

/// The data file, embedded so the binary needs nothing beside it.
pub const DEMO_TOML: &str = include_str!("demo.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoData {
    #[serde(default)]
    pub bodies: Vec<Body>,
    #[serde(default)]
    pub units: Vec<Unit>,
    #[serde(default)]
    pub award_kinds: Vec<AwardKind>,
    #[serde(default)]
    pub movements: Vec<Movement>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    #[serde(default)]
    pub clusters: Vec<Cluster>,
    #[serde(default)]
    pub years: Vec<Year>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub key: String,
    pub name: String,
    pub short_name: String,
    /// central | province | district | commune | organisation
    pub level: String,
    pub board_name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub key: String,
    /// The proper name without the kind word: "Lộc Hà", not "huyện Lộc Hà".
    pub name: String,
    /// province | central_city | ministry | central_agency | district | town |
    /// provincial_city | commune | ward | township | special_zone |
    /// department | organisation | other
    pub kind: String,
    pub parent: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub successor: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardKind {
    pub key: String,
    pub name: String,
    pub short_name: String,
    pub issuing_authority: String,
    /// title | commendation
    pub category: String,
    /// Rank within the issuer, 1 the highest.
    pub rank: i32,
    /// Key of the organising body whose authority confers it; none for a
    /// national kind or one shared by every body.
    pub body: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Movement {
    pub key: String,
    pub name: String,
    pub launched_by: Option<String>,
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub measure_unit: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    pub key: String,
    pub name: String,
    /// cluster | block | group
    pub kind: String,
    pub body: String,
    pub first_year: Option<i32>,
    pub last_year: Option<i32>,
    pub member_count: Option<i32>,
    pub description: Option<String>,
    #[serde(default)]
    pub members: Vec<Member>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub unit: String,
    pub from_year: i32,
    pub to_year: Option<i32>,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Year {
    pub cluster: String,
    pub year: i32,
    pub theme: Option<String>,
    pub summary: Option<String>,
    pub directions: Option<String>,
    pub chair: Option<Officer>,
    pub vice_chair: Option<Officer>,
    /// elected | handed_over | proposed | approved | appointed
    pub chair_selection: Option<String>,
    pub chair_decision_number: Option<String>,
    pub chair_decision_date: Option<NaiveDate>,
    #[serde(default)]
    pub movements: Vec<String>,
    #[serde(default)]
    pub conferences: Vec<Conference>,
    #[serde(default)]
    pub indicators: Vec<IndicatorValue>,
    #[serde(default)]
    pub results: Vec<MemberResult>,
    #[serde(default)]
    pub awards: Vec<Award>,
    pub covenant: Option<Covenant>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Officer {
    pub unit: String,
    pub person: Option<String>,
    pub title: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conference {
    pub key: String,
    /// year_end_summary | mid_year_review | covenant_signing | other
    pub kind: String,
    pub title: Option<String>,
    pub held_on: NaiveDate,
    /// morning | afternoon | evening
    pub part_of_day: Option<String>,
    pub locality: Option<String>,
    pub venue: Option<String>,
    pub host: Option<String>,
    pub members_present: Option<i32>,
    pub minutes: Option<String>,
    pub source_title: Option<String>,
    pub source_author: Option<String>,
    pub source_published_on: Option<NaiveDate>,
    #[serde(default)]
    pub participants: Vec<Participant>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// presiding | guest | reporter | speaker | attendee
    pub role: String,
    pub person: Option<String>,
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub unit: Option<String>,
    pub remarks: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorValue {
    pub indicator: String,
    /// Absent: the figure is for the cluster as a whole.
    pub unit: Option<String>,
    /// Plain decimal with a dot: "2636", "525.2".
    pub value: Option<String>,
    pub out_of: Option<String>,
    #[serde(default)]
    pub estimated: bool,
    /// exact | over | nearly
    pub bound: Option<String>,
    pub growth_pct: Option<String>,
    pub same_period_pct: Option<String>,
    pub plan_pct: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberResult {
    pub unit: String,
    pub score: Option<String>,
    pub rank: Option<i32>,
    pub grade: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Award {
    pub unit: String,
    pub kind: String,
    pub conference: Option<String>,
    pub votes_for: Option<i32>,
    pub votes_against: Option<i32>,
    pub votes_abstain: Option<i32>,
    #[serde(default)]
    pub unanimous: bool,
    /// proposed | appraised | returned | decided | declined
    pub status: Option<String>,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub decided_by: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Covenant {
    pub signed_on: Option<NaiveDate>,
    pub conference: Option<String>,
    pub place: Option<String>,
    pub content: Option<String>,
}
