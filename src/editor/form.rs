//! The meeting-results form as the clerk typed it: every field a string,
//! so that a refused form comes back exactly as it was sent.

use std::collections::HashMap;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::validate::Errors;
use crate::web::input::{is_long_text, refused_characters};

/// Rows the form offers beyond those filled in.
pub const SPARE_ROWS: usize = 2;
/// Upper bound on the rows of one list (participants, movements,
/// indicators, awards) in one save: far more than any report has, and a
/// limit on what one request can make the server do. A form over it is
/// refused as a whole, never cut short.
pub const MAX_ROWS: usize = 500;

#[derive(Debug, Clone, Default, Serialize)]
pub struct ParticipantRow {
    pub role: String,
    pub name: String,
    pub title: String,
    pub organisation: String,
    /// The member unit the participant spoke for, if any.
    pub unit: String,
    pub remarks: String,
}

impl ParticipantRow {
    pub fn is_blank(&self) -> bool {
        self.name.is_empty()
            && self.title.is_empty()
            && self.organisation.is_empty()
            && self.unit.is_empty()
            && self.remarks.is_empty()
    }
}

/// One reported figure with its qualifier and comparisons.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FigureRow {
    pub value: String,
    /// "", "estimated", "over", "nearly", "estimated_over", "estimated_nearly".
    pub qualifier: String,
    pub growth: String,
    pub same_period: String,
    pub plan: String,
    pub note: String,
}

impl FigureRow {
    pub fn is_blank(&self) -> bool {
        self.value.is_empty()
            && self.growth.is_empty()
            && self.same_period.is_empty()
            && self.plan.is_empty()
            && self.note.is_empty()
    }
}

/// An indicator with a row for the whole cluster and one per member.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndicatorBlock {
    pub name: String,
    pub measure: String,
    pub whole: FigureRow,
    /// (member unit id, its figure), in the order of the member list.
    pub members: Vec<(i32, FigureRow)>,
}

impl IndicatorBlock {
    pub fn is_blank(&self) -> bool {
        self.name.is_empty()
            && self.whole.is_blank()
            && self.members.iter().all(|(_, f)| f.is_blank())
    }

    pub fn member(&self, unit: i32) -> FigureRow {
        self.members
            .iter()
            .find(|(u, _)| *u == unit)
            .map(|(_, f)| f.clone())
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ResultRow {
    pub score: String,
    pub rank: String,
    pub grade: String,
    pub note: String,
}

impl ResultRow {
    pub fn is_blank(&self) -> bool {
        self.score.is_empty()
            && self.rank.is_empty()
            && self.grade.is_empty()
            && self.note.is_empty()
    }
}

/// A movement by name, with its period when the report gives one.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct MovementRow {
    pub name: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct AwardRow {
    pub unit: String,
    pub kind: String,
    pub votes_for: String,
    pub votes_against: String,
    pub votes_abstain: String,
    pub unanimous: bool,
}

impl AwardRow {
    pub fn is_blank(&self) -> bool {
        self.unit.is_empty() && self.kind.is_empty()
    }
}

/// How many individuals or collectives got a title, for the whole
/// cluster ("" unit) or one member: "1.250 cá nhân Lao động tiên tiến".
#[derive(Debug, Clone, Default, Serialize)]
pub struct TitleCountRow {
    pub unit: String,
    pub title: String,
    /// "individual" or "collective".
    pub recipient: String,
    pub count: String,
    pub note: String,
}

impl TitleCountRow {
    pub fn is_blank(&self) -> bool {
        self.unit.is_empty()
            && self.title.is_empty()
            && self.count.is_empty()
            && self.note.is_empty()
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct YearForm {
    pub version: String,
    pub status: String,
    pub conference_id: String,
    pub conf_kind: String,
    pub conf_title: String,
    pub conf_date: String,
    pub conf_part: String,
    pub conf_locality: String,
    pub conf_venue: String,
    pub conf_host: String,
    pub members_present: String,
    pub minutes: String,
    pub participants: Vec<ParticipantRow>,
    pub theme: String,
    pub summary: String,
    pub directions: String,
    pub movements: Vec<MovementRow>,
    pub chair_unit: String,
    pub chair_person: String,
    pub chair_title: String,
    pub vice_unit: String,
    pub vice_person: String,
    pub vice_title: String,
    pub indicators: Vec<IndicatorBlock>,
    pub results: Vec<(i32, ResultRow)>,
    pub awards: Vec<AwardRow>,
    pub title_counts: Vec<TitleCountRow>,
    pub next_chair: String,
    pub next_vice: String,
    pub next_selection: String,
    pub next_decision_number: String,
    pub next_decision_date: String,
    pub cov_date: String,
    pub cov_place: String,
    pub cov_content: String,
}

/// The submitted fields, NFC-normalised and trimmed, with the fields
/// whose text holds characters no field takes (see `web::input`).
pub struct Fields(HashMap<String, String>, Errors);

impl Fields {
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        let mut refused = Errors::new();
        let values = pairs
            .into_iter()
            .map(|(k, v)| {
                let v: String = v.nfc().collect();
                let v = v.trim().replace("\r\n", "\n").replace('\r', "\n");
                if let Some(message) = refused_characters(&v, is_long_text(&k)) {
                    refused.insert(k.clone(), message.to_string());
                }
                (k, v)
            })
            .collect();
        Fields(values, refused)
    }

    /// Fields refused for their characters, with the message for each,
    /// under the names they were sent with.
    pub fn refused(&self) -> &Errors {
        &self.1
    }

    /// The same, under the names the form comes back with: rows are
    /// numbered again from 0 in the order they were sent ("p7_name" of
    /// rows 2 and 7 is "p1_name"), as `YearForm::from_fields` reads them.
    pub fn refused_in_form(&self) -> Errors {
        let renumbered = |key: &str| -> Option<String> {
            let prefix = ["tc", "p", "m", "i", "a"]
                .into_iter()
                .find(|p| key.starts_with(p))?;
            let (digits, rest) = key[prefix.len()..].split_once('_')?;
            let index: usize = digits.parse().ok()?;
            let position = self.rows(prefix).binary_search(&index).ok()?;
            Some(format!("{prefix}{position}_{rest}"))
        };
        self.1
            .iter()
            .map(|(k, m)| (renumbered(k).unwrap_or_else(|| k.clone()), m.clone()))
            .collect()
    }

    pub fn get(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_default()
    }

    pub fn has(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// Row indexes that have at least one field with this prefix
    /// ("p12_name" is row 12 of "p"), in order.
    fn rows(&self, prefix: &str) -> Vec<usize> {
        let mut found: Vec<usize> = self
            .0
            .keys()
            .filter_map(|k| {
                let (digits, _) = k.strip_prefix(prefix)?.split_once('_')?;
                let plain = !digits.is_empty()
                    && digits.len() <= 6
                    && digits.bytes().all(|b| b.is_ascii_digit());
                plain.then(|| digits.parse().ok()).flatten()
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The message for a form with more rows in a list than one save
    /// takes, naming the list and the limit.
    pub fn too_many_rows(&self) -> Option<String> {
        [
            ("p", "đại biểu"),
            ("m", "phong trào"),
            ("i", "chỉ tiêu"),
            ("a", "đề nghị khen thưởng"),
            ("tc", "số lượng danh hiệu"),
        ]
        .into_iter()
        .find_map(|(prefix, what)| {
            let n = self.rows(prefix).len();
            (n > MAX_ROWS).then(|| {
                format!(
                    "Chưa lưu: biểu mẫu có {n} dòng {what}, quá giới hạn {MAX_ROWS} dòng cho một lần lưu. \
                     Không dòng nào bị bỏ đi; hãy tách bớt (ví dụ ghi danh sách dài vào biên bản) rồi lưu lại."
                )
            })
        })
    }
}

impl YearForm {
    /// Reads the form back from the submitted fields; `members` are the
    /// unit ids that have per-member rows.
    pub fn from_fields(f: &Fields, members: &[i32]) -> Self {
        let figure = |prefix: &str| FigureRow {
            value: f.get(&format!("{prefix}_value")),
            qualifier: f.get(&format!("{prefix}_qual")),
            growth: f.get(&format!("{prefix}_growth")),
            same_period: f.get(&format!("{prefix}_same")),
            plan: f.get(&format!("{prefix}_plan")),
            note: f.get(&format!("{prefix}_note")),
        };
        YearForm {
            version: f.get("version"),
            status: f.get("status"),
            conference_id: f.get("conference_id"),
            conf_kind: f.get("conf_kind"),
            conf_title: f.get("conf_title"),
            conf_date: f.get("conf_date"),
            conf_part: f.get("conf_part"),
            conf_locality: f.get("conf_locality"),
            conf_venue: f.get("conf_venue"),
            conf_host: f.get("conf_host"),
            members_present: f.get("members_present"),
            minutes: f.get("minutes"),
            participants: f
                .rows("p")
                .into_iter()
                .map(|i| ParticipantRow {
                    role: f.get(&format!("p{i}_role")),
                    name: f.get(&format!("p{i}_name")),
                    title: f.get(&format!("p{i}_title")),
                    organisation: f.get(&format!("p{i}_org")),
                    unit: f.get(&format!("p{i}_unit")),
                    remarks: f.get(&format!("p{i}_remarks")),
                })
                .collect(),
            theme: f.get("theme"),
            summary: f.get("summary"),
            directions: f.get("directions"),
            movements: f
                .rows("m")
                .into_iter()
                .map(|i| MovementRow {
                    name: f.get(&format!("m{i}_name")),
                    from: f.get(&format!("m{i}_from")),
                    to: f.get(&format!("m{i}_to")),
                })
                .collect(),
            chair_unit: f.get("chair_unit"),
            chair_person: f.get("chair_person"),
            chair_title: f.get("chair_title"),
            vice_unit: f.get("vice_unit"),
            vice_person: f.get("vice_person"),
            vice_title: f.get("vice_title"),
            indicators: f
                .rows("i")
                .into_iter()
                .map(|k| IndicatorBlock {
                    name: f.get(&format!("i{k}_name")),
                    measure: f.get(&format!("i{k}_measure")),
                    whole: figure(&format!("i{k}_all")),
                    members: members
                        .iter()
                        .map(|u| (*u, figure(&format!("i{k}_u{u}"))))
                        .collect(),
                })
                .collect(),
            results: members
                .iter()
                .map(|u| {
                    (
                        *u,
                        ResultRow {
                            score: f.get(&format!("r_u{u}_score")),
                            rank: f.get(&format!("r_u{u}_rank")),
                            grade: f.get(&format!("r_u{u}_grade")),
                            note: f.get(&format!("r_u{u}_note")),
                        },
                    )
                })
                .collect(),
            awards: f
                .rows("a")
                .into_iter()
                .map(|i| AwardRow {
                    unit: f.get(&format!("a{i}_unit")),
                    kind: f.get(&format!("a{i}_kind")),
                    votes_for: f.get(&format!("a{i}_for")),
                    votes_against: f.get(&format!("a{i}_against")),
                    votes_abstain: f.get(&format!("a{i}_abstain")),
                    unanimous: f.has(&format!("a{i}_unanimous")),
                })
                .collect(),
            title_counts: f
                .rows("tc")
                .into_iter()
                .map(|i| TitleCountRow {
                    unit: f.get(&format!("tc{i}_unit")),
                    title: f.get(&format!("tc{i}_title")),
                    recipient: f.get(&format!("tc{i}_recipient")),
                    count: f.get(&format!("tc{i}_count")),
                    note: f.get(&format!("tc{i}_note")),
                })
                .collect(),
            next_chair: f.get("next_chair"),
            next_vice: f.get("next_vice"),
            next_selection: f.get("next_selection"),
            next_decision_number: f.get("next_decision_number"),
            next_decision_date: f.get("next_decision_date"),
            cov_date: f.get("cov_date"),
            cov_place: f.get("cov_place"),
            cov_content: f.get("cov_content"),
        }
    }

    /// "Thêm dòng": keeps every row, blank or not, and adds `more` blank
    /// rows to each list and `more` blank indicators.
    pub fn with_more_rows(mut self, more: usize, members: &[i32]) -> Self {
        for _ in 0..more {
            self.participants.push(ParticipantRow::default());
            self.movements.push(MovementRow::default());
            self.awards.push(AwardRow::default());
            self.title_counts.push(TitleCountRow::default());
            self.indicators.push(IndicatorBlock {
                members: members.iter().map(|u| (*u, FigureRow::default())).collect(),
                ..Default::default()
            });
        }
        self
    }

    /// Drops blank rows and adds `spare` blank ones to each list, so the
    /// clerk always has empty rows to fill (more with "Thêm dòng").
    pub fn with_spare_rows(mut self, spare: usize, members: &[i32]) -> Self {
        self.participants.retain(|p| !p.is_blank());
        self.movements.retain(|m| m != &MovementRow::default());
        self.awards.retain(|a| !a.is_blank());
        self.indicators.retain(|b| !b.is_blank());
        self.title_counts.retain(|t| !t.is_blank());
        for _ in 0..spare {
            self.participants.push(ParticipantRow::default());
            self.movements.push(MovementRow::default());
            self.awards.push(AwardRow::default());
            self.title_counts.push(TitleCountRow::default());
        }
        self.indicators.push(IndicatorBlock {
            members: members.iter().map(|u| (*u, FigureRow::default())).collect(),
            ..Default::default()
        });
        self.results = members
            .iter()
            .map(|u| {
                let existing = self
                    .results
                    .iter()
                    .find(|(id, _)| id == u)
                    .map(|(_, r)| r.clone());
                (*u, existing.unwrap_or_default())
            })
            .collect();
        self
    }
}
