//! Checks a submitted form against the rules of the domain. Every problem
//! is reported next to its field, in Vietnamese; nothing is saved unless
//! there is none.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::form::{FigureRow, YearForm};
use crate::domain::dates::Precision;
use crate::domain::{labels, typed};
use crate::lookups::UnitLink;
use crate::models::{AwardKind, Cluster};

const SHORT_TEXT: usize = 300;
const LONG_TEXT: usize = 20_000;

pub const CONFERENCE_KINDS: &[(&str, &str)] = &[
    ("year_end_summary", "Hội nghị tổng kết năm"),
    ("mid_year_review", "Hội nghị sơ kết 6 tháng"),
    ("covenant_signing", "Lễ ký kết giao ước thi đua"),
    ("other", "Hội nghị khác"),
];
pub const PARTS_OF_DAY: &[(&str, &str)] = &[
    ("", "—"),
    ("morning", "Sáng"),
    ("afternoon", "Chiều"),
    ("evening", "Tối"),
];
pub const ROLES: &[(&str, &str)] = &[
    ("presiding", "Chủ trì"),
    ("guest", "Khách mời"),
    ("reporter", "Báo cáo"),
    ("speaker", "Phát biểu"),
    ("attendee", "Tham dự"),
];
pub const QUALIFIERS: &[(&str, &str)] = &[
    ("", "đạt (số chính xác)"),
    ("estimated", "ước đạt"),
    ("over", "trên"),
    ("nearly", "gần"),
    ("estimated_over", "ước đạt trên"),
    ("estimated_nearly", "ước đạt gần"),
];
pub const SELECTIONS: &[(&str, &str)] = &[
    ("", "—"),
    ("elected", "Bầu"),
    ("handed_over", "Bàn giao"),
    ("proposed", "Giới thiệu, đề nghị cấp trên quyết định"),
    ("approved", "Đã được cấp trên phê duyệt"),
    ("appointed", "Chỉ định"),
];

pub const RECIPIENTS: &[(&str, &str)] = &[("individual", "cá nhân"), ("collective", "tập thể")];
/// Titles and commendations boards count most often, offered as the
/// clerk types (any other title may be typed).
pub const COMMON_TITLES: &[&str] = &[
    "Lao động tiên tiến",
    "Chiến sĩ thi đua cơ sở",
    "Chiến sĩ thi đua cấp tỉnh",
    "Tập thể lao động tiên tiến",
    "Tập thể lao động xuất sắc",
    "Giấy khen",
    "Bằng khen của Chủ tịch UBND tỉnh",
    "Bằng khen của Thủ tướng Chính phủ",
    "Cờ thi đua của UBND tỉnh",
];

/// What the form is checked against.
pub struct Context {
    pub cluster: Cluster,
    pub year: i32,
    /// Members in the year being edited.
    pub members: Vec<UnitLink>,
    /// Units a conference may name as host or participant's unit: the
    /// members and any other unit the year's record already names.
    pub conference_units: Vec<UnitLink>,
    /// Members in the next year (the year's own when none are recorded).
    pub next_members: Vec<UnitLink>,
    /// The kinds the cluster may propose (its body's and the national
    /// ones, and any the year already holds), in issuer order.
    pub award_kinds: Vec<AwardKind>,
    /// The same kinds grouped by issuer, for the form's select.
    pub award_groups: Vec<crate::awards::issuers::IssuerGroup>,
}

#[derive(Debug, Clone)]
pub struct Figure {
    pub value: Option<String>,
    /// "12/12 xã": the value is a count out of this many.
    pub out_of: Option<String>,
    pub estimated: bool,
    pub bound: &'static str,
    pub growth: Option<String>,
    pub same_period: Option<String>,
    pub plan: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub name: String,
    pub measure: String,
    pub figures: Vec<(Option<i32>, Figure)>,
}

#[derive(Debug, Clone)]
pub struct Participant {
    pub role: String,
    pub name: Option<String>,
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub unit: Option<i32>,
    pub remarks: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Conference {
    pub id: Option<i32>,
    pub kind: String,
    pub title: Option<String>,
    /// The first day of what the report gives of the date.
    pub date: NaiveDate,
    pub precision: Precision,
    pub part: Option<String>,
    pub locality: Option<String>,
    pub venue: Option<String>,
    pub host: Option<i32>,
    pub members_present: Option<i32>,
    pub minutes: Option<String>,
    pub participants: Vec<Participant>,
}

#[derive(Debug, Clone)]
pub struct Officer {
    pub unit: i32,
    pub person: Option<String>,
    pub title: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Award {
    pub unit: i32,
    pub kind: i32,
    pub votes_for: Option<i32>,
    pub votes_against: Option<i32>,
    pub votes_abstain: Option<i32>,
    pub unanimous: bool,
}

/// A count of a title, for the whole cluster (no unit) or a member.
#[derive(Debug, Clone)]
pub struct TitleCount {
    pub unit: Option<i32>,
    pub title: String,
    pub recipient: String,
    pub count: i32,
    pub note: Option<String>,
}

/// A member's score, rank, grade and the report's note on them.
#[derive(Debug, Clone)]
pub struct Ranking {
    pub unit: i32,
    pub score: Option<String>,
    pub rank: Option<i32>,
    pub grade: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Covenant {
    pub date: Option<(NaiveDate, Precision)>,
    pub place: Option<String>,
    pub content: Option<String>,
}

/// A form that passed every check, in the types the database takes.
#[derive(Debug, Clone)]
pub struct ValidYear {
    /// Numbers read one of two possible ways, to say back to the clerk
    /// before they are saved.
    pub said_back: Errors,
    pub version: i32,
    pub status: String,
    pub conference: Option<Conference>,
    pub theme: Option<String>,
    pub summary: Option<String>,
    pub directions: Option<String>,
    /// (name, from year, to year).
    pub movements: Vec<(String, Option<i32>, Option<i32>)>,
    pub chair: Option<Officer>,
    pub vice_chair: Option<Officer>,
    pub indicators: Vec<Indicator>,
    pub results: Vec<Ranking>,
    pub awards: Vec<Award>,
    pub title_counts: Vec<TitleCount>,
    pub next_chair: Option<i32>,
    pub next_vice: Option<i32>,
    pub next_selection: Option<String>,
    pub next_decision_number: Option<String>,
    pub next_decision_date: Option<(NaiveDate, Precision)>,
    pub covenant: Option<Covenant>,
}

pub type Errors = BTreeMap<String, String>;

struct Checker<'a> {
    errors: Errors,
    /// Numbers that read two ways, with how they were read (see
    /// `typed::said_back`).
    said_back: Errors,
    ctx: &'a Context,
}

fn opt(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

impl Checker<'_> {
    fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors
            .entry(field.to_string())
            .or_insert_with(|| message.into());
    }

    fn text(&mut self, field: &str, value: &str, limit: usize) -> Option<String> {
        if value.chars().count() > limit {
            self.fail(field, format!("Quá dài: tối đa {limit} ký tự."));
            return None;
        }
        opt(value)
    }

    fn number(&mut self, field: &str, value: &str) -> Option<String> {
        if value.is_empty() {
            return None;
        }
        match typed::number(value) {
            Ok(d) => {
                if let Some(reading) = typed::said_back(value) {
                    self.said_back.insert(field.to_string(), reading);
                }
                Some(d.to_plain())
            }
            Err(message) => {
                self.fail(field, message);
                None
            }
        }
    }

    fn count(&mut self, field: &str, value: &str) -> Option<i32> {
        if value.is_empty() {
            return None;
        }
        match value.parse::<i32>() {
            Ok(n) if (0..=100_000).contains(&n) => Some(n),
            _ => {
                self.fail(field, format!("“{value}” phải là số nguyên không âm."));
                None
            }
        }
    }

    fn member(
        &mut self,
        field: &str,
        value: &str,
        members: &[UnitLink],
        what: &str,
    ) -> Option<i32> {
        if value.is_empty() {
            return None;
        }
        match value
            .parse::<i32>()
            .ok()
            .filter(|id| members.iter().any(|m| m.id == *id))
        {
            Some(id) => Some(id),
            None => {
                self.fail(
                    field,
                    format!(
                        "{what} phải là đơn vị thành viên của {} trong năm đó.",
                        labels::cluster_word(&self.ctx.cluster.kind)
                    ),
                );
                None
            }
        }
    }

    fn choice(&mut self, field: &str, value: &str, allowed: &[(&str, &str)]) -> String {
        if allowed.iter().any(|(code, _)| *code == value) {
            value.to_string()
        } else {
            self.fail(field, "Giá trị không có trong danh sách.");
            String::new()
        }
    }

    fn figure(&mut self, prefix: &str, row: &FigureRow) -> Option<Figure> {
        if row.is_blank() {
            return None;
        }
        let qualifier = self.choice(&format!("{prefix}_qual"), &row.qualifier, QUALIFIERS);
        // "12/12" is a count out of a whole.
        let (value, out_of) = match row.value.split_once('/') {
            Some((part, whole)) => (
                self.number(&format!("{prefix}_value"), part.trim()),
                self.number(&format!("{prefix}_value"), whole.trim()),
            ),
            None => (self.number(&format!("{prefix}_value"), &row.value), None),
        };
        let figure = Figure {
            estimated: qualifier.starts_with("estimated"),
            bound: if qualifier.ends_with("over") {
                "over"
            } else if qualifier.ends_with("nearly") {
                "nearly"
            } else {
                "exact"
            },
            growth: self.number(&format!("{prefix}_growth"), &row.growth),
            same_period: self.number(&format!("{prefix}_same"), &row.same_period),
            plan: self.number(&format!("{prefix}_plan"), &row.plan),
            note: self.text(&format!("{prefix}_note"), &row.note, SHORT_TEXT),
            value,
            out_of,
        };
        if figure.value.is_none() && figure.note.is_none() && row.value.is_empty() {
            self.fail(
                &format!("{prefix}_value"),
                "Nhập số liệu, hoặc ghi chú nếu báo cáo không nêu số.",
            );
        }
        Some(figure)
    }
}

pub fn validate(form: &YearForm, ctx: &Context) -> Result<ValidYear, Errors> {
    let mut c = Checker {
        errors: Errors::new(),
        said_back: Errors::new(),
        ctx,
    };
    let year = ctx.year;
    if let Some(first) = ctx.cluster.first_year.filter(|first| year < *first) {
        c.fail(
            "year",
            format!(
                "{} bắt đầu hoạt động từ năm {first}; không thể ghi năm {year}.",
                labels::cluster_word(&ctx.cluster.kind)
            ),
        );
    }
    if let Some(last) = ctx.cluster.last_year.filter(|last| year > *last) {
        c.fail(
            "year",
            format!(
                "{} chỉ hoạt động đến năm {last}; không thể ghi năm {year}.",
                labels::cluster_word(&ctx.cluster.kind)
            ),
        );
    }
    let version = form.version.parse::<i32>().unwrap_or_else(|_| {
        c.fail("version", "Biểu mẫu thiếu số phiên bản; hãy tải lại trang.");
        0
    });
    let status = c.choice("status", &form.status, &[("draft", ""), ("published", "")]);

    // The conference, when any of its fields is filled.
    let participants_given = form.participants.iter().any(|p| !p.is_blank());
    let conference_given = !form.conf_date.is_empty()
        || !form.conf_title.is_empty()
        || !form.conf_venue.is_empty()
        || !form.conf_locality.is_empty()
        || !form.conf_host.is_empty()
        || !form.minutes.is_empty()
        || participants_given;
    let members_present = c.count("members_present", &form.members_present);
    if let Some(n) =
        members_present.filter(|n| *n as usize > ctx.members.len() && !ctx.members.is_empty())
    {
        c.fail(
            "members_present",
            format!(
                "Số đơn vị có mặt ({n}) lớn hơn số thành viên của {} ({}).",
                labels::cluster_word(&ctx.cluster.kind),
                ctx.members.len()
            ),
        );
    }
    let conference = if conference_given {
        let kind = c.choice("conf_kind", &form.conf_kind, CONFERENCE_KINDS);
        // Reports often give only the month or the year, or no date at all:
        // what is given must fit the year; nothing given is stored as such.
        let date = match typed::partial_date(&form.conf_date) {
            Ok(None) => NaiveDate::from_ymd_opt(year, 12, 31).map(|d| (d, Precision::Unknown)),
            Ok(Some((d, precision))) if d.year() == year || d.year() == year + 1 => {
                Some((d, precision))
            }
            Ok(Some(_)) => {
                c.fail(
                    "conf_date",
                    format!(
                        "Hội nghị về năm {year} phải họp trong năm {year} hoặc đầu năm {}.",
                        year + 1
                    ),
                );
                None
            }
            Err(message) => {
                c.fail("conf_date", message);
                None
            }
        };
        let part = c.choice("conf_part", &form.conf_part, PARTS_OF_DAY);
        let host = c.member(
            "conf_host",
            &form.conf_host,
            &ctx.conference_units,
            "Đơn vị đăng cai",
        );
        let mut participants = Vec::new();
        for (i, p) in form.participants.iter().enumerate() {
            if p.is_blank() {
                continue;
            }
            let key = format!("p{i}");
            let role = c.choice(&format!("{key}_role"), &p.role, ROLES);
            let members = c.ctx.conference_units.clone();
            let unit = c.member(
                &format!("{key}_unit"),
                &p.unit,
                &members,
                "Đơn vị đại biểu đại diện",
            );
            if p.name.is_empty() && p.title.is_empty() && p.organisation.is_empty() {
                c.fail(
                    &format!("{key}_name"),
                    "Nhập họ tên, chức vụ hoặc cơ quan của đại biểu.",
                );
            }
            participants.push(Participant {
                role,
                name: c.text(&format!("{key}_name"), &p.name, 100),
                title: c.text(&format!("{key}_title"), &p.title, SHORT_TEXT),
                organisation: c.text(&format!("{key}_org"), &p.organisation, SHORT_TEXT),
                unit,
                remarks: c.text(&format!("{key}_remarks"), &p.remarks, LONG_TEXT),
            });
        }
        let title = c.text("conf_title", &form.conf_title, SHORT_TEXT);
        let locality = c.text("conf_locality", &form.conf_locality, 100);
        let venue = c.text("conf_venue", &form.conf_venue, SHORT_TEXT);
        let minutes = c.text("minutes", &form.minutes, LONG_TEXT);
        date.map(|(date, precision)| Conference {
            id: form.conference_id.parse().ok(),
            kind,
            title,
            date,
            precision,
            part: opt(&part),
            locality,
            venue,
            host,
            members_present,
            minutes,
            participants,
        })
    } else {
        None
    };

    let theme = c.text("theme", &form.theme, SHORT_TEXT);
    let summary = c.text("summary", &form.summary, LONG_TEXT);
    let directions = c.text("directions", &form.directions, LONG_TEXT);
    let mut movements: Vec<(String, Option<i32>, Option<i32>)> = Vec::new();
    for (i, m) in form.movements.iter().enumerate() {
        let years = [("from", &m.from), ("to", &m.to)].map(|(end, text)| {
            if text.is_empty() {
                return None;
            }
            match text.parse::<i32>() {
                Ok(y) if (1945..=2100).contains(&y) => Some(y),
                _ => {
                    c.fail(&format!("m{i}_{end}"), "Năm phải là số từ 1945 đến 2100.");
                    None
                }
            }
        });
        if let (Some(a), Some(b)) = (years[0], years[1])
            && b < a
        {
            c.fail(&format!("m{i}_to"), "Năm kết thúc phải sau năm bắt đầu.");
        }
        if m.name.is_empty() && (years[0].is_some() || years[1].is_some()) {
            c.fail(&format!("m{i}_name"), "Nhập tên phong trào.");
        }
        if let Some(name) = c.text(&format!("m{i}_name"), &m.name, SHORT_TEXT)
            && !movements.iter().any(|(n, _, _)| n == &name)
        {
            movements.push((name, years[0], years[1]));
        }
    }

    let officer =
        |c: &mut Checker, prefix: &str, unit: &str, person: &str, title: &str, what: &str| {
            let members = c.ctx.members.clone();
            // Checked whether or not a unit is chosen: a representative
            // typed without the unit is refused, never dropped.
            let person = c.text(&format!("{prefix}_person"), person, 100);
            let title = c.text(&format!("{prefix}_title"), title, SHORT_TEXT);
            if unit.is_empty() && (person.is_some() || title.is_some()) {
                c.fail(
                    &format!("{prefix}_unit"),
                    format!("Chọn đơn vị {what} của người đại diện đã ghi."),
                );
            }
            c.member(&format!("{prefix}_unit"), unit, &members, what)
                .map(|unit| Officer {
                    unit,
                    person,
                    title,
                })
        };
    let chair_word = labels::chair_title(&ctx.cluster.kind);
    let vice_word = labels::vice_chair_title(&ctx.cluster.kind);
    let chair = officer(
        &mut c,
        "chair",
        &form.chair_unit,
        &form.chair_person,
        &form.chair_title,
        chair_word,
    );
    let vice_chair = officer(
        &mut c,
        "vice",
        &form.vice_unit,
        &form.vice_person,
        &form.vice_title,
        vice_word,
    );
    if let (Some(a), Some(b)) = (&chair, &vice_chair)
        && a.unit == b.unit
    {
        c.fail("vice_unit", format!("{vice_word} phải khác {chair_word}."));
    }

    let mut indicators = Vec::new();
    for (k, block) in form.indicators.iter().enumerate() {
        if block.is_blank() {
            continue;
        }
        let key = format!("i{k}");
        let name = c.text(&format!("{key}_name"), &block.name, SHORT_TEXT);
        if name.is_none() && !block.name.is_empty() {
            continue;
        }
        let Some(name) = name else {
            c.fail(&format!("{key}_name"), "Nhập tên chỉ tiêu.");
            continue;
        };
        let measure = c
            .text(&format!("{key}_measure"), &block.measure, 50)
            .unwrap_or_default();
        let mut figures = Vec::new();
        if let Some(f) = c.figure(&format!("{key}_all"), &block.whole) {
            figures.push((None, f));
        }
        for (unit, row) in &block.members {
            if let Some(f) = c.figure(&format!("{key}_u{unit}"), row) {
                figures.push((Some(*unit), f));
            }
        }
        indicators.push(Indicator {
            name,
            measure,
            figures,
        });
    }

    let mut results = Vec::new();
    for (unit, r) in &form.results {
        if r.is_blank() {
            continue;
        }
        let key = format!("r_u{unit}");
        let rank = if r.rank.is_empty() {
            None
        } else {
            match r.rank.parse::<i32>() {
                Ok(n) if n >= 1 => Some(n),
                _ => {
                    c.fail(&format!("{key}_rank"), "Hạng là số nguyên từ 1 trở lên.");
                    None
                }
            }
        };
        results.push(Ranking {
            unit: *unit,
            score: c.number(&format!("{key}_score"), &r.score),
            rank,
            grade: c.text(&format!("{key}_grade"), &r.grade, 100),
            note: c.text(&format!("{key}_note"), &r.note, SHORT_TEXT),
        });
    }

    let mut awards: Vec<Award> = Vec::new();
    for (i, a) in form.awards.iter().enumerate() {
        if a.is_blank() {
            continue;
        }
        let key = format!("a{i}");
        let unit = if a.unit.is_empty() {
            c.fail(&format!("{key}_unit"), "Chọn đơn vị được đề nghị.");
            None
        } else {
            let members = c.ctx.members.clone();
            c.member(
                &format!("{key}_unit"),
                &a.unit,
                &members,
                "Đơn vị được đề nghị khen thưởng",
            )
        };
        let kind = match a
            .kind
            .parse::<i32>()
            .ok()
            .filter(|k| ctx.award_kinds.iter().any(|x| x.id == *k))
        {
            Some(k) => Some(k),
            None => {
                c.fail(
                    &format!("{key}_kind"),
                    "Chọn hình thức khen thưởng trong danh mục của cơ quan tổ chức cụm hoặc danh mục toàn quốc.",
                );
                None
            }
        };
        let votes_for = c.count(&format!("{key}_for"), &a.votes_for);
        let votes_against = c.count(&format!("{key}_against"), &a.votes_against);
        let votes_abstain = c.count(&format!("{key}_abstain"), &a.votes_abstain);
        let counted =
            votes_for.unwrap_or(0) + votes_against.unwrap_or(0) + votes_abstain.unwrap_or(0);
        let any_votes = votes_for.is_some() || votes_against.is_some() || votes_abstain.is_some();
        if any_votes {
            match members_present {
                None => c.fail("members_present", "Nhập số đơn vị có mặt khi ghi số phiếu."),
                Some(present) if counted > present => c.fail(
                    &format!("{key}_for"),
                    format!("Tổng số phiếu ({counted}) vượt số đơn vị có mặt ({present})."),
                ),
                _ => {}
            }
        }
        if a.unanimous && (votes_against.unwrap_or(0) > 0 || votes_abstain.unwrap_or(0) > 0) {
            c.fail(
                &format!("{key}_unanimous"),
                "“Thống nhất” không đi cùng phiếu không tán thành hay không biểu quyết.",
            );
        }
        if let (Some(unit), Some(kind)) = (unit, kind) {
            if awards.iter().any(|x| x.unit == unit && x.kind == kind) {
                c.fail(
                    &format!("{key}_kind"),
                    "Đơn vị này đã được đề nghị hình thức này ở dòng trên.",
                );
            } else {
                awards.push(Award {
                    unit,
                    kind,
                    votes_for,
                    votes_against,
                    votes_abstain,
                    unanimous: a.unanimous,
                });
            }
        }
    }

    let mut title_counts = Vec::new();
    for (i, t) in form.title_counts.iter().enumerate() {
        if t.is_blank() {
            continue;
        }
        let key = format!("tc{i}");
        let members = c.ctx.members.clone();
        let unit = c.member(&format!("{key}_unit"), &t.unit, &members, "Đơn vị");
        let recipient = c.choice(&format!("{key}_recipient"), &t.recipient, RECIPIENTS);
        let title = c.text(&format!("{key}_title"), &t.title, SHORT_TEXT);
        if t.title.is_empty() {
            c.fail(
                &format!("{key}_title"),
                "Nhập danh hiệu hoặc hình thức khen thưởng.",
            );
        }
        let count = if t.count.is_empty() {
            c.fail(&format!("{key}_count"), "Nhập số lượng.");
            None
        } else {
            crate::titles::parse_count(&t.count)
                .map_err(|m| c.fail(&format!("{key}_count"), m))
                .ok()
        };
        let note = c.text(&format!("{key}_note"), &t.note, SHORT_TEXT);
        if let (Some(title), Some(count)) = (title, count)
            && !recipient.is_empty()
        {
            title_counts.push(TitleCount {
                unit,
                title,
                recipient,
                count,
                note,
            });
        }
    }

    let next_members = ctx.next_members.clone();
    let next_chair = c.member(
        "next_chair",
        &form.next_chair,
        &next_members,
        &format!("{chair_word} năm sau"),
    );
    let next_vice = c.member(
        "next_vice",
        &form.next_vice,
        &next_members,
        &format!("{vice_word} năm sau"),
    );
    if next_chair.is_some() && next_chair == next_vice {
        c.fail("next_vice", format!("{vice_word} phải khác {chair_word}."));
    }
    let next_selection = c.choice("next_selection", &form.next_selection, SELECTIONS);
    let next_decision_number = c.text("next_decision_number", &form.next_decision_number, 100);
    let next_decision_date = typed::partial_date(&form.next_decision_date)
        .map_err(|message| c.fail("next_decision_date", message))
        .ok()
        .flatten();

    let covenant =
        if form.cov_date.is_empty() && form.cov_place.is_empty() && form.cov_content.is_empty() {
            None
        } else {
            let date = typed::partial_date(&form.cov_date)
                .map_err(|message| c.fail("cov_date", message))
                .ok()
                .flatten();
            Some(Covenant {
                date,
                place: c.text("cov_place", &form.cov_place, SHORT_TEXT),
                content: c.text("cov_content", &form.cov_content, LONG_TEXT),
            })
        };

    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    Ok(ValidYear {
        said_back: c.said_back,
        version,
        status,
        conference,
        theme,
        summary,
        directions,
        movements,
        chair,
        vice_chair,
        indicators,
        results,
        awards,
        title_counts,
        next_chair,
        next_vice,
        next_selection: opt(&next_selection),
        next_decision_number,
        next_decision_date,
        covenant,
    })
}
