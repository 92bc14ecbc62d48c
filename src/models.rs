//! Rows as the database holds them. Queries live with the feature that asks
//! them; display belongs to the views.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::domain::dates::{self, Precision};
use crate::domain::labels;
use crate::schema::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = organising_bodies)]
pub struct OrganisingBody {
    pub id: i32,
    pub name: String,
    pub short_name: String,
    pub level: String,
    pub board_name: Option<String>,
    pub sort_order: i32,
}

impl OrganisingBody {
    pub fn level_label(&self) -> &'static str {
        labels::body_level_label(&self.level)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = units)]
pub struct Unit {
    pub id: i32,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<i32>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub successor_id: Option<i32>,
    pub note: Option<String>,
}

impl Unit {
    /// "huyện Lộc Hà".
    pub fn full_name(&self) -> String {
        labels::unit_full_name(&self.kind, &self.name)
    }

    pub fn kind_label(&self) -> &'static str {
        labels::unit_kind_label(&self.kind)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = clusters)]
pub struct Cluster {
    pub id: i32,
    pub name: String,
    pub kind: String,
    pub organising_body_id: i32,
    pub first_year: Option<i32>,
    pub last_year: Option<i32>,
    pub member_count: Option<i32>,
    pub description: Option<String>,
}

impl Cluster {
    pub fn kind_label(&self) -> &'static str {
        labels::cluster_kind_label(&self.kind)
    }

    /// The cluster's size as every page and the print say it: the count
    /// its founding decision gives and, when the reports name fewer, how
    /// many they name ("6 đơn vị, 5 được nêu tên").
    pub fn size_text(&self, named: impl std::borrow::Borrow<usize>) -> String {
        let named = *named.borrow();
        match self.member_count.map(|n| n as usize) {
            Some(n) if n > named && named > 0 => format!("{n} đơn vị, {named} được nêu tên"),
            Some(n) if n > named => format!("{n} đơn vị"),
            _ if named > 0 => format!("{named} đơn vị"),
            _ => String::new(),
        }
    }

    /// "Cụm" or "Khối", as in "chỉ tiêu chung của Khối".
    pub fn word(&self) -> &'static str {
        labels::cluster_word(&self.kind)
    }

    pub fn chair_title(&self) -> &'static str {
        labels::chair_title(&self.kind)
    }

    pub fn vice_chair_title(&self) -> &'static str {
        labels::vice_chair_title(&self.kind)
    }

    pub fn members_phrase(&self) -> &'static str {
        labels::members_phrase(&self.kind)
    }

    /// The same phrase opening a line: "Các đơn vị thành viên Khối".
    pub fn members_heading(&self) -> String {
        labels::capitalise_first(self.members_phrase())
    }

    /// "2022–2024", "từ 2022", or empty when the report gives no years.
    pub fn span(&self) -> String {
        match (self.first_year, self.last_year) {
            (Some(a), Some(b)) => format!("{a}–{b}"),
            (Some(a), None) => format!("từ {a}"),
            (None, Some(b)) => format!("đến {b}"),
            (None, None) => String::new(),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = memberships)]
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

impl Membership {
    /// A cluster's memberships that cover a year, in their listed order.
    /// The one query for "members in year Y", used by the yearly summary
    /// and the meeting form alike.
    pub fn of_cluster_in_year(
        cluster_id: i32,
        year: i32,
    ) -> memberships::BoxedQuery<'static, crate::db::Backend> {
        memberships::table
            .filter(memberships::cluster_id.eq(cluster_id))
            .filter(memberships::from_year.le(year))
            .filter(
                memberships::to_year
                    .is_null()
                    .or(memberships::to_year.ge(year)),
            )
            .order((memberships::sort_order, memberships::id))
            .into_boxed()
    }

    pub fn covers(&self, year: i32) -> bool {
        self.from_year <= year && self.to_year.is_none_or(|to| year <= to)
    }

    pub fn span(&self) -> String {
        match self.to_year {
            Some(to) if to == self.from_year => to.to_string(),
            Some(to) => format!("{}–{}", self.from_year, to),
            None => format!("từ {}", self.from_year),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = people)]
pub struct Person {
    pub id: i32,
    pub full_name: String,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = cluster_years)]
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
    pub chair_selection: Option<String>,
    pub chair_decision_number: Option<String>,
    pub chair_decision_date: Option<NaiveDate>,
    pub chair_decision_date_precision: String,
    pub summary: Option<String>,
    pub directions: Option<String>,
    pub status: String,
}

impl ClusterYear {
    pub fn chair_selection_label(&self) -> &'static str {
        self.chair_selection
            .as_deref()
            .map(labels::chair_selection_label)
            .unwrap_or("")
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = conferences)]
pub struct Conference {
    pub id: i32,
    pub cluster_year_id: i32,
    pub kind: String,
    pub title: Option<String>,
    pub held_on: NaiveDate,
    pub part_of_day: Option<String>,
    pub locality: Option<String>,
    pub venue: Option<String>,
    pub host_unit_id: Option<i32>,
    pub members_present: Option<i32>,
    pub minutes: Option<String>,
    pub source_title: Option<String>,
    pub source_author: Option<String>,
    pub source_published_on: Option<NaiveDate>,
    pub held_on_precision: String,
}

impl Conference {
    /// How much of the date the report gives.
    pub fn precision(&self) -> Precision {
        Precision::from_code(&self.held_on_precision)
    }

    /// "07/02/2023", "tháng 12/2022", "năm 2022" or "" when not given.
    pub fn date_text(&self) -> String {
        dates::partial(self.held_on, self.precision())
    }

    pub fn kind_label(&self) -> &'static str {
        labels::conference_kind_label(&self.kind)
    }

    /// The title the report gives, else the kind of conference.
    pub fn display_title(&self) -> String {
        self.title
            .clone()
            .unwrap_or_else(|| self.kind_label().to_string())
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = conference_participants)]
pub struct Participant {
    pub id: i32,
    pub conference_id: i32,
    pub role: String,
    pub person_id: Option<i32>,
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub unit_id: Option<i32>,
    pub remarks: Option<String>,
    pub sort_order: i32,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = movements)]
pub struct Movement {
    pub id: i32,
    pub name: String,
    pub launched_by: Option<String>,
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
}

impl Movement {
    /// The movement with the period one cluster-year reported for it,
    /// when that year's record gives one.
    pub fn as_reported(mut self, from_year: Option<i32>, to_year: Option<i32>) -> Self {
        if from_year.is_some() || to_year.is_some() {
            self.from_year = from_year;
            self.to_year = to_year;
        }
        self
    }

    pub fn period(&self) -> String {
        match (self.from_year, self.to_year) {
            (Some(a), Some(b)) => format!("giai đoạn {a}–{b}"),
            (Some(a), None) => format!("từ năm {a}"),
            _ => String::new(),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = indicators)]
pub struct Indicator {
    pub id: i32,
    pub name: String,
    pub measure_unit: String,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = indicator_values)]
pub struct IndicatorValue {
    pub id: i32,
    pub cluster_year_id: i32,
    pub indicator_id: i32,
    pub unit_id: Option<i32>,
    pub value: Option<String>,
    pub out_of: Option<String>,
    pub estimated: bool,
    pub bound: String,
    pub growth_pct: Option<String>,
    pub same_period_pct: Option<String>,
    pub plan_pct: Option<String>,
    pub note: Option<String>,
    pub sort_order: i32,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = member_results)]
pub struct MemberResult {
    pub id: i32,
    pub cluster_year_id: i32,
    pub unit_id: i32,
    pub score: Option<String>,
    pub rank: Option<i32>,
    pub grade: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = award_kinds)]
pub struct AwardKind {
    pub id: i32,
    pub name: String,
    pub short_name: String,
    pub issuing_authority: String,
    pub category: String,
    /// Rank within the issuer (1 the highest), not across issuers.
    pub rank: i32,
    /// The organising body whose authority confers it; None is national.
    pub organising_body_id: Option<i32>,
}

impl AwardKind {
    pub fn category_label(&self) -> &'static str {
        labels::award_category_label(&self.category)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = award_proposals)]
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
    pub status: String,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub decided_by: Option<String>,
    pub note: Option<String>,
    pub sort_order: i32,
    pub decision_date_precision: String,
}

impl AwardProposal {
    /// The authority's decision as far as it is known, with who made it,
    /// as the yearly summary shows it: "Quyết định số 123/QĐ-UBND ngày
    /// 07/02/2023 của …", "Quyết định của …" (only the issuer known), or ""
    /// (the status says whether it was made).
    pub fn decision_text(&self) -> String {
        labels::decision_by(
            self.decision_number.as_deref(),
            self.decision_date
                .map(|d| dates::partial(d, Precision::from_code(&self.decision_date_precision))),
            self.decided_by.as_deref(),
        )
    }

    pub fn status_label(&self) -> &'static str {
        labels::award_status_label(&self.status)
    }

    pub fn is_decided(&self) -> bool {
        self.status == "decided"
    }

    /// "Thống nhất (100%)", "5 tán thành, 1 không tán thành", or empty.
    pub fn vote_text(&self) -> String {
        if self.unanimous {
            return "Thống nhất".to_string();
        }
        let parts: Vec<String> = [
            (self.votes_for, "tán thành"),
            (self.votes_against, "không tán thành"),
            (self.votes_abstain, "không biểu quyết"),
        ]
        .iter()
        .filter_map(|(n, word)| n.map(|n| format!("{n} {word}")))
        .collect();
        parts.join(", ")
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = covenants)]
pub struct Covenant {
    pub id: i32,
    pub cluster_year_id: i32,
    pub signed_on: Option<NaiveDate>,
    pub conference_id: Option<i32>,
    pub place: Option<String>,
    pub content: Option<String>,
    pub signed_on_precision: String,
}
