//! The rows the generator writes, one struct per table, with every id
//! chosen by the generator so that references need no read back.
//!
//! `treat_none_as_default_value = false` binds `None` as NULL instead of
//! DEFAULT: only then can diesel write many rows in one SQLite INSERT.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::schema::*;

#[derive(Insertable)]
#[diesel(table_name = organising_bodies, treat_none_as_default_value = false)]
pub struct Body {
    pub id: i32,
    pub name: String,
    pub short_name: String,
    pub level: &'static str,
    pub board_name: Option<String>,
    pub sort_order: i32,
}

#[derive(Insertable)]
#[diesel(table_name = award_kinds, treat_none_as_default_value = false)]
pub struct AwardKind {
    pub id: i32,
    pub name: String,
    pub short_name: String,
    pub issuing_authority: String,
    pub category: &'static str,
    pub rank: i32,
    pub organising_body_id: Option<i32>,
}

#[derive(Insertable)]
#[diesel(table_name = indicators, treat_none_as_default_value = false)]
pub struct Indicator {
    pub id: i32,
    pub name: &'static str,
    pub measure_unit: &'static str,
}

#[derive(Insertable)]
#[diesel(table_name = movements, treat_none_as_default_value = false)]
pub struct Movement {
    pub id: i32,
    pub name: &'static str,
    pub launched_by: Option<&'static str>,
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
}

#[derive(Insertable, Clone)]
#[diesel(table_name = units, treat_none_as_default_value = false)]
pub struct Unit {
    pub id: i32,
    pub name: String,
    pub kind: &'static str,
    pub parent_id: Option<i32>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub successor_id: Option<i32>,
    pub note: Option<String>,
    pub search_text: String,
}

#[derive(Insertable)]
#[diesel(table_name = people, treat_none_as_default_value = false)]
pub struct Person {
    pub id: i32,
    pub full_name: String,
    pub search_text: String,
}

#[derive(Insertable)]
#[diesel(table_name = clusters, treat_none_as_default_value = false)]
pub struct Cluster {
    pub id: i32,
    pub name: String,
    pub kind: &'static str,
    pub organising_body_id: i32,
    pub first_year: Option<i32>,
    pub last_year: Option<i32>,
    pub member_count: Option<i32>,
    pub description: Option<String>,
    pub search_text: String,
}

#[derive(Insertable)]
#[diesel(table_name = memberships, treat_none_as_default_value = false)]
pub struct Membership {
    pub id: i32,
    pub cluster_id: i32,
    pub unit_id: i32,
    pub from_year: i32,
    pub to_year: Option<i32>,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub sort_order: i32,
}

#[derive(Insertable)]
#[diesel(table_name = cluster_years, treat_none_as_default_value = false)]
pub struct ClusterYear {
    pub id: i32,
    pub cluster_id: i32,
    pub year: i32,
    pub theme: Option<String>,
    pub chair_unit_id: Option<i32>,
    pub chair_person_id: Option<i32>,
    pub chair_person_title: Option<String>,
    pub vice_chair_unit_id: Option<i32>,
    pub vice_chair_person_id: Option<i32>,
    pub vice_chair_person_title: Option<String>,
    pub chair_selection: Option<&'static str>,
    pub chair_decision_number: Option<String>,
    pub chair_decision_date: Option<NaiveDate>,
    pub summary: Option<String>,
    pub directions: Option<String>,
    pub status: &'static str,
    pub chair_elected_at_previous: bool,
    pub chair_decision_date_precision: &'static str,
}

#[derive(Insertable)]
#[diesel(table_name = conferences, treat_none_as_default_value = false)]
pub struct Conference {
    pub id: i32,
    pub cluster_year_id: i32,
    pub kind: &'static str,
    pub title: Option<String>,
    pub held_on: NaiveDate,
    pub part_of_day: Option<&'static str>,
    pub locality: Option<String>,
    pub venue: Option<String>,
    pub host_unit_id: Option<i32>,
    pub members_present: Option<i32>,
    pub minutes: Option<String>,
    pub source_title: Option<String>,
    pub source_author: Option<String>,
    pub source_published_on: Option<NaiveDate>,
    pub search_text: String,
    pub held_on_precision: &'static str,
}

#[derive(Insertable)]
#[diesel(table_name = conference_participants, treat_none_as_default_value = false)]
pub struct Participant {
    pub id: i32,
    pub conference_id: i32,
    pub role: &'static str,
    pub person_id: Option<i32>,
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub unit_id: Option<i32>,
    pub remarks: Option<String>,
    pub sort_order: i32,
}

#[derive(Insertable)]
#[diesel(table_name = cluster_year_movements, treat_none_as_default_value = false)]
pub struct YearMovement {
    pub cluster_year_id: i32,
    pub movement_id: i32,
    pub sort_order: i32,
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
}

#[derive(Insertable)]
#[diesel(table_name = covenants, treat_none_as_default_value = false)]
pub struct Covenant {
    pub id: i32,
    pub cluster_year_id: i32,
    pub signed_on: Option<NaiveDate>,
    pub conference_id: Option<i32>,
    pub place: Option<String>,
    pub content: Option<String>,
    pub signed_on_precision: &'static str,
}

#[derive(Insertable)]
#[diesel(table_name = indicator_values, treat_none_as_default_value = false)]
pub struct IndicatorValue {
    pub id: i32,
    pub cluster_year_id: i32,
    pub indicator_id: i32,
    pub unit_id: Option<i32>,
    pub value: Option<String>,
    pub out_of: Option<String>,
    pub estimated: bool,
    pub bound: &'static str,
    pub growth_pct: Option<String>,
    pub same_period_pct: Option<String>,
    pub plan_pct: Option<String>,
    pub note: Option<String>,
    pub sort_order: i32,
}

#[derive(Insertable)]
#[diesel(table_name = member_results, treat_none_as_default_value = false)]
pub struct MemberResult {
    pub id: i32,
    pub cluster_year_id: i32,
    pub unit_id: i32,
    pub score: Option<String>,
    pub rank: Option<i32>,
    pub grade: Option<&'static str>,
    pub note: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = award_proposals, treat_none_as_default_value = false)]
pub struct AwardProposal {
    pub id: i32,
    pub cluster_year_id: i32,
    pub unit_id: i32,
    pub award_kind_id: i32,
    pub conference_id: Option<i32>,
    pub votes_for: Option<i32>,
    pub votes_against: Option<i32>,
    pub votes_abstain: Option<i32>,
    pub unanimous: bool,
    pub status: &'static str,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub decided_by: Option<String>,
    pub note: Option<String>,
    pub sort_order: i32,
    pub decision_date_precision: &'static str,
}

#[derive(Insertable)]
#[diesel(table_name = title_counts, treat_none_as_default_value = false)]
pub struct TitleCount {
    pub id: i32,
    pub cluster_year_id: i32,
    pub unit_id: Option<i32>,
    pub title: &'static str,
    pub recipient: &'static str,
    pub count: i32,
    pub note: Option<String>,
    pub sort_order: i32,
}
