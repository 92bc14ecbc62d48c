//! A cluster-year's tables as boards keep them: one row per member, a
//! column per indicator ("Thu ngân sách (tỷ đồng)") with its growth, plan
//! and note columns beside it, then the score, rank and grade. The
//! `tables.xlsx` download is such a sheet and imports back unchanged.
//!
//! The cluster and year come from the rows' own columns, else from what
//! the admin picked, else from the title above the header ("… — Cụm thi
//! đua số 2 — năm 2022"). A row of totals ("Toàn Cụm", "Tổng cộng") holds
//! the figures of the cluster as a whole. A cell left empty keeps what the
//! record has; a cell that says more adds it or corrects it.

use std::collections::HashMap;

use diesel::prelude::*;

use super::columns::{self, Columns, Field, fold_header, lines};
use super::names::{ClusterIndex, UnitIndex};
use super::plan::Plan;
use super::scope::Scope;
use crate::db::DbConn;
use crate::domain::fold::fold_for_search;
use crate::domain::{labels, typed};
use crate::schema::{cluster_years, indicator_values, indicators, member_results, memberships};

pub const FIELDS: &[Field] = &[
    Field {
        key: "unit",
        label: "Đơn vị",
        spellings: &["don vi", "ten don vi", "don vi thanh vien", "thanh vien"],
        required: true,
    },
    columns::ROW_NUMBER,
    Field {
        key: "score",
        label: "Điểm",
        spellings: &["diem", "tong diem", "diem so", "diem cham", "diem dat duoc"],
        required: false,
    },
    Field {
        key: "rank",
        label: "Xếp hạng",
        spellings: &["xep hang", "thu hang", "hang", "xep thu", "thu tu xep hang"],
        required: false,
    },
    Field {
        key: "grade",
        label: "Xếp loại",
        spellings: &["xep loai", "danh gia", "ket qua xep loai"],
        required: false,
    },
    columns::NOTE,
    columns::CLUSTER,
    columns::YEAR,
    columns::BODY,
];

/// Names of the row that holds the cluster's own figures, folded.
pub(super) const TOTAL_ROWS: &[&str] = &[
    "tong",
    "tong cong",
    "cong",
    "toan cum",
    "toan khoi",
    "ca cum",
    "ca khoi",
    "chung ca cum",
    "toan cum thi dua",
    "toan khoi thi dua",
];

/// What a column of an indicator holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Value,
    /// Growth on the same period (%).
    Growth,
    /// Compared with the same period (%).
    SamePeriod,
    /// Share of the plan reached (%).
    Plan,
    /// What a number cannot say: "ước đạt; trên; trên tổng số 12; …".
    Remark,
}

/// A header read as an indicator's column: "Thu ngân sách (tỷ đồng)",
/// "Thu ngân sách — tăng so với cùng kỳ (%)", "Thu ngân sách — ghi chú".
fn read_header(text: &str) -> (String, String, Part) {
    let text = text.trim();
    let split = [" — ", " – ", " - "]
        .iter()
        .filter_map(|sep| text.rfind(sep).map(|at| (at, sep.len())))
        .max_by_key(|(at, _)| *at);
    let (base, part) = match split {
        Some((at, len)) => {
            let part = match fold_header(&text[at + len..]).as_str() {
                "tang so voi cung ky" | "tang truong" | "tang" => Some(Part::Growth),
                "so voi cung ky" | "so cung ky" => Some(Part::SamePeriod),
                "dat ke hoach" | "so voi ke hoach" | "ke hoach" => Some(Part::Plan),
                "ghi chu" => Some(Part::Remark),
                _ => None,
            };
            match part {
                Some(p) => (text[..at].trim(), p),
                None => (text, Part::Value),
            }
        }
        None => (text, Part::Value),
    };
    // "Name (measure)": the last bracket at the end is the measure unit.
    match base.strip_suffix(')').and_then(|b| b.rsplit_once('(')) {
        Some((name, measure)) if !name.trim().is_empty() && part == Part::Value => {
            (name.trim().to_string(), measure.trim().to_string(), part)
        }
        Some((name, _)) if !name.trim().is_empty() => {
            (name.trim().to_string(), String::new(), part)
        }
        _ => (base.to_string(), String::new(), part),
    }
}

/// One indicator of the file: its name, measure unit and where each of
/// its parts sits.
struct IndicatorColumns {
    name: String,
    measure: String,
    /// The value column's header as written, for an indicator whose own
    /// name ends in brackets ("Thu ngân sách (nội địa)").
    whole: String,
    parts: Vec<(Part, usize, String)>,
}

/// The indicator columns: every header cell no field claims.
fn indicator_columns(header: &[String], cols: &Columns) -> Vec<IndicatorColumns> {
    let mut found: Vec<IndicatorColumns> = Vec::new();
    for (i, text) in header.iter().enumerate() {
        if text.trim().is_empty() || cols.claims(i) {
            continue;
        }
        let (name, measure, part) = read_header(text);
        let key = fold_for_search(&name);
        match found.iter_mut().find(|c| fold_for_search(&c.name) == key) {
            Some(c) => {
                if part == Part::Value && c.measure.is_empty() {
                    c.measure = measure;
                    c.whole = text.trim().to_string();
                }
                c.parts.push((part, i, text.trim().to_string()));
            }
            None => found.push(IndicatorColumns {
                whole: if part == Part::Value {
                    text.trim().to_string()
                } else {
                    name.clone()
                },
                name,
                measure,
                parts: vec![(part, i, text.trim().to_string())],
            }),
        }
    }
    found
}

/// A figure as stored.
#[derive(Debug, Clone, Default, PartialEq)]
struct Figure {
    value: Option<String>,
    out_of: Option<String>,
    estimated: bool,
    bound: String,
    growth: Option<String>,
    same_period: Option<String>,
    plan: Option<String>,
    note: Option<String>,
}

/// What a file's cells say of one figure; None where a cell is empty.
#[derive(Debug, Default)]
pub(super) struct Read {
    pub(super) value: Option<String>,
    /// Qualifiers, when the value or remark cell says anything.
    pub(super) qualifiers: Option<(bool, &'static str, Option<String>)>,
    pub(super) growth: Option<String>,
    pub(super) same_period: Option<String>,
    pub(super) plan: Option<String>,
    pub(super) note: Option<String>,
}

impl Read {
    pub(super) fn is_empty(&self) -> bool {
        self.value.is_none()
            && self.qualifiers.is_none()
            && self.growth.is_none()
            && self.same_period.is_none()
            && self.plan.is_none()
            && self.note.is_none()
    }

    /// The record's figure with what the file says laid over it.
    fn over(self, old: Option<&Figure>) -> Figure {
        let old = old.cloned().unwrap_or_else(|| Figure {
            bound: "exact".into(),
            ..Figure::default()
        });
        let (estimated, bound, out_of) = match self.qualifiers {
            Some((e, b, o)) => (e, b.to_string(), o),
            None => (old.estimated, old.bound, old.out_of),
        };
        Figure {
            value: self.value.or(old.value),
            out_of,
            estimated,
            bound,
            growth: self.growth.or(old.growth),
            same_period: self.same_period.or(old.same_period),
            plan: self.plan.or(old.plan),
            note: self.note.or(old.note),
        }
    }
}

/// Words before a figure, folded, and what they mean: estimated, bound.
const QUALIFIER_WORDS: &[(&str, bool, &str)] = &[
    ("uoc dat tren", true, "over"),
    ("uoc dat gan", true, "nearly"),
    ("uoc dat", true, "exact"),
    ("uoc tinh", true, "exact"),
    ("uoc", true, "exact"),
    ("dat tren", false, "over"),
    ("tren", false, "over"),
    ("hon", false, "over"),
    ("gan", false, "nearly"),
    ("xap xi", false, "nearly"),
];

/// A number as typed, stored plain ("1.854,5" → "1854.5").
pub(super) fn plain(text: &str) -> Result<String, String> {
    typed::number(text).map(|d| d.to_plain())
}

/// The value cell: "525,2", "ước đạt 525,2", "trên 400 tỷ đồng", "12/12".
/// Text with no digit is a note ("Hoàn thành"); digits that are not a
/// number are an error.
pub(super) fn read_value(
    text: &str,
    measure: &str,
    read: &mut Read,
    notes: &mut Vec<String>,
) -> Result<(), String> {
    let folded = fold_for_search(text);
    if !text.chars().any(|c| c.is_ascii_digit()) {
        notes.push(text.to_string());
        return Ok(());
    }
    let (estimated, bound, words_skipped) = QUALIFIER_WORDS
        .iter()
        .find(|(word, _, _)| {
            folded
                .strip_prefix(word)
                .is_some_and(|r| r.starts_with(' '))
        })
        .map_or((false, "exact", 0), |(word, e, b)| {
            (*e, *b, word.split_whitespace().count())
        });
    // Folding keeps the words, not their byte lengths: cut the typed text
    // by words.
    let mut body: String = text
        .split_whitespace()
        .skip(words_skipped)
        .collect::<Vec<_>>()
        .join(" ");
    if !measure.is_empty() {
        let m = fold_for_search(measure);
        let folded_body = fold_for_search(&body);
        if folded_body.ends_with(&m) && folded_body.len() > m.len() {
            let keep = folded_body[..folded_body.len() - m.len()]
                .split_whitespace()
                .count();
            body = body
                .split_whitespace()
                .take(keep)
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    let (value, out_of) = match body.split_once('/') {
        Some((part, whole)) => (plain(part)?, Some(plain(whole)?)),
        None => (plain(&body)?, None),
    };
    read.value = Some(value);
    let merged = read.qualifiers.get_or_insert((false, "exact", None));
    merged.0 |= estimated;
    if bound != "exact" {
        merged.1 = bound;
    }
    if out_of.is_some() {
        merged.2 = out_of;
    }
    Ok(())
}

/// The remark cell the download writes: "ước đạt; trên; trên tổng số 12;
/// any note".
pub(super) fn read_remark(
    text: &str,
    read: &mut Read,
    notes: &mut Vec<String>,
) -> Result<(), String> {
    let merged = read.qualifiers.get_or_insert((false, "exact", None));
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let folded = fold_for_search(part);
        match folded.as_str() {
            "uoc dat" | "uoc tinh" | "uoc" => merged.0 = true,
            "tren" | "hon" => merged.1 = "over",
            "gan" | "xap xi" => merged.1 = "nearly",
            _ => match folded.strip_prefix("tren tong so ") {
                Some(_) => {
                    let total = part
                        .split_whitespace()
                        .last()
                        .unwrap_or_default()
                        .to_string();
                    merged.2 = Some(plain(&total)?);
                }
                None => notes.push(part.to_string()),
            },
        }
    }
    Ok(())
}

/// A result as stored: score, rank, grade, note.
type Result4 = (Option<String>, Option<i32>, Option<String>, Option<String>);

pub fn run(
    conn: &mut DbConn,
    rows: &[(usize, Vec<String>)],
    cols: &Columns,
    context: &super::Context,
) -> QueryResult<Plan> {
    let mut plan = Plan::new("Chỉ tiêu, điểm và xếp hạng");
    let units = UnitIndex::load(conn)?.with_choices(&context.choices);
    let clusters = ClusterIndex::load(conn)?;
    let header: &[String] = rows
        .iter()
        .find(|(n, _)| *n == cols.header_row)
        .map_or(&[], |(_, cells)| cells.as_slice());
    let columns = indicator_columns(header, cols);
    let scope = match Scope::of(rows, cols.header_row, &clusters, context) {
        Ok(scope) => scope,
        Err(message) => {
            plan.error(cols.header_row, "Cụm, khối", message);
            return Ok(plan);
        }
    };

    let mut known = Indicators::load(conn)?;
    let mut years: HashMap<(i32, i32), i32> = HashMap::new();
    let mut touched: Vec<i32> = Vec::new();
    // The members of each cluster-year the file names, read once.
    let mut members_of: HashMap<(i32, i32), Vec<i32>> = HashMap::new();

    for line in lines(rows, cols, FIELDS) {
        let errors_before = plan.errors.len();
        let Some((cluster, year)) = scope.year_of(&line, &mut plan, &clusters) else {
            continue;
        };
        let unit_text = line.get("unit");
        let total_row = TOTAL_ROWS.contains(&fold_header(unit_text).as_str());
        if let std::collections::hash_map::Entry::Vacant(slot) = members_of.entry((cluster, year)) {
            let members: Vec<i32> = memberships::table
                .filter(memberships::cluster_id.eq(cluster))
                .filter(memberships::from_year.le(year))
                .filter(
                    memberships::to_year
                        .is_null()
                        .or(memberships::to_year.ge(year)),
                )
                .select(memberships::unit_id)
                .load(conn)?;
            slot.insert(members);
        }
        let members = &members_of[&(cluster, year)];
        let unit = if total_row {
            None
        } else {
            match units.resolve_among(unit_text, None, members) {
                Ok(Some(id)) => Some(id),
                Ok(None) => {
                    line.error(&mut plan, "unit", "Thiếu tên đơn vị.");
                    None
                }
                Err(unresolved) => {
                    plan.unresolved(line.number, line.label("unit"), unit_text, unresolved);
                    None
                }
            }
        };
        let mut figures: Vec<(usize, Read)> = Vec::new();
        for (at, c) in columns.iter().enumerate() {
            let mut read = Read::default();
            let mut notes = Vec::new();
            for (part, i, header) in &c.parts {
                let text = line.cells.get(*i).map_or("", |t| t.trim());
                if text.is_empty() {
                    continue;
                }
                let outcome = match part {
                    Part::Value => read_value(text, &c.measure, &mut read, &mut notes),
                    Part::Remark => read_remark(text, &mut read, &mut notes),
                    Part::Growth => plain(text).map(|v| read.growth = Some(v)),
                    Part::SamePeriod => plain(text).map(|v| read.same_period = Some(v)),
                    Part::Plan => plain(text).map(|v| read.plan = Some(v)),
                };
                if let Err(message) = outcome {
                    plan.error(line.number, header, message);
                }
            }
            if !notes.is_empty() {
                read.note = Some(notes.join("; "));
            }
            if !read.is_empty() {
                figures.push((at, read));
            }
        }
        let score = match line.get("score") {
            "" => None,
            t => plain(t).map_err(|m| line.error(&mut plan, "score", m)).ok(),
        };
        let rank = line.whole(&mut plan, "rank", 1..=1000, "một thứ hạng (1, 2, 3…)");
        let result: Result4 = (score, rank, line.text("grade"), line.text("note"));
        if plan.errors.len() > errors_before {
            continue;
        }
        if unit.is_none() && !total_row {
            continue;
        }

        let year_id = match years.get(&(cluster, year)) {
            Some(id) => *id,
            None => {
                let id = year_record(conn, &mut plan, &clusters, cluster, year)?;
                years.insert((cluster, year), id);
                id
            }
        };
        let who = if total_row {
            format!("toàn {}", labels::cluster_word(&clusters.kind(cluster)))
        } else {
            unit_text.to_string()
        };
        let what = format!("Dòng {}: {who}, năm {year}", line.number);
        let mut changed = false;
        for (at, read) in figures {
            let c = &columns[at];
            let indicator = known.id(conn, &mut plan, &c.name, &c.measure, &c.whole)?;
            let label = titled(&c.name, &c.measure);
            changed |= write_figure(
                conn, &mut plan, &what, year_id, indicator, unit, &label, read,
            )?;
        }
        if let Some(unit) = unit
            && result != (None, None, None, None)
        {
            changed |= write_result(conn, &mut plan, &what, year_id, unit, result)?;
        }
        if changed && !touched.contains(&year_id) {
            touched.push(year_id);
        }
    }
    // An open form of a year changed here is stale.
    for id in touched {
        diesel::update(cluster_years::table.find(id))
            .set(cluster_years::version.eq(cluster_years::version + 1))
            .execute(conn)?;
    }
    Ok(plan)
}

/// "Thu ngân sách (tỷ đồng)".
pub(super) fn titled(name: &str, measure: &str) -> String {
    if measure.is_empty() {
        name.to_string()
    } else {
        format!("{name} ({measure})")
    }
}

/// The indicators on record by folded name and measure unit; one a file
/// names that is not there is added (and the preview says so).
pub(super) struct Indicators {
    known: HashMap<(String, String), i32>,
}

impl Indicators {
    pub(super) fn load(conn: &mut DbConn) -> QueryResult<Indicators> {
        let known = indicators::table
            .select((indicators::id, indicators::name, indicators::measure_unit))
            .load::<(i32, String, String)>(conn)?
            .into_iter()
            .map(|(id, name, measure)| ((fold_for_search(&name), fold_for_search(&measure)), id))
            .collect();
        Ok(Indicators { known })
    }

    /// The indicator of `name` and `measure`, or of `whole` with no
    /// measure (a name that itself ends in brackets), or a new one.
    pub(super) fn id(
        &mut self,
        conn: &mut DbConn,
        plan: &mut Plan,
        name: &str,
        measure: &str,
        whole: &str,
    ) -> QueryResult<i32> {
        let key = (fold_for_search(name), fold_for_search(measure));
        let whole = (fold_for_search(whole), String::new());
        if let Some(id) = self.known.get(&key).or_else(|| self.known.get(&whole)) {
            return Ok(*id);
        }
        let id = diesel::insert_into(indicators::table)
            .values((
                indicators::name.eq(name),
                indicators::measure_unit.eq(measure),
            ))
            .returning(indicators::id)
            .get_result(conn)?;
        self.known.insert(key, id);
        plan.created
            .push(format!("Chỉ tiêu “{}”", titled(name, measure)));
        Ok(id)
    }
}

/// The year on record, or a new published one: the admin has seen the
/// preview.
pub(super) fn year_record(
    conn: &mut DbConn,
    plan: &mut Plan,
    clusters: &ClusterIndex,
    cluster: i32,
    year: i32,
) -> QueryResult<i32> {
    let existing: Option<i32> = cluster_years::table
        .filter(cluster_years::cluster_id.eq(cluster))
        .filter(cluster_years::year.eq(year))
        .select(cluster_years::id)
        .first(conn)
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = diesel::insert_into(cluster_years::table)
        .values((
            cluster_years::cluster_id.eq(cluster),
            cluster_years::year.eq(year),
            cluster_years::status.eq("published"),
        ))
        .returning(cluster_years::id)
        .get_result(conn)?;
    plan.created.push(format!(
        "{} năm {year}: hồ sơ năm",
        labels::capitalise_first(&clusters.name(cluster))
    ));
    Ok(id)
}

/// A figure as stored, by id.
type StoredFigure = (
    i32,
    Option<String>,
    Option<String>,
    bool,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

#[allow(clippy::too_many_arguments)]
pub(super) fn write_figure(
    conn: &mut DbConn,
    plan: &mut Plan,
    what: &str,
    year_id: i32,
    indicator: i32,
    unit: Option<i32>,
    label: &str,
    read: Read,
) -> QueryResult<bool> {
    let mut query = indicator_values::table
        .filter(indicator_values::cluster_year_id.eq(year_id))
        .filter(indicator_values::indicator_id.eq(indicator))
        .into_boxed();
    query = match unit {
        Some(u) => query.filter(indicator_values::unit_id.eq(u)),
        None => query.filter(indicator_values::unit_id.is_null()),
    };
    let stored: Option<StoredFigure> = query
        .select((
            indicator_values::id,
            indicator_values::value,
            indicator_values::out_of,
            indicator_values::estimated,
            indicator_values::bound,
            indicator_values::growth_pct,
            indicator_values::same_period_pct,
            indicator_values::plan_pct,
            indicator_values::note,
        ))
        .first(conn)
        .optional()?;
    let old = stored.as_ref().map(|s| Figure {
        value: s.1.clone(),
        out_of: s.2.clone(),
        estimated: s.3,
        bound: s.4.clone(),
        growth: s.5.clone(),
        same_period: s.6.clone(),
        plan: s.7.clone(),
        note: s.8.clone(),
    });
    let new = read.over(old.as_ref());
    if old.as_ref() == Some(&new) {
        plan.unchanged += 1;
        return Ok(false);
    }
    let line = format!("{what}: {label}");
    match stored {
        Some(s) => {
            diesel::update(indicator_values::table.find(s.0))
                .set((
                    indicator_values::value.eq(&new.value),
                    indicator_values::out_of.eq(&new.out_of),
                    indicator_values::estimated.eq(new.estimated),
                    indicator_values::bound.eq(&new.bound),
                    indicator_values::growth_pct.eq(&new.growth),
                    indicator_values::same_period_pct.eq(&new.same_period),
                    indicator_values::plan_pct.eq(&new.plan),
                    indicator_values::note.eq(&new.note),
                ))
                .execute(conn)?;
            plan.changed.push(line);
        }
        None => {
            let last: Option<i32> = indicator_values::table
                .filter(indicator_values::cluster_year_id.eq(year_id))
                .select(diesel::dsl::max(indicator_values::sort_order))
                .first(conn)?;
            diesel::insert_into(indicator_values::table)
                .values((
                    indicator_values::cluster_year_id.eq(year_id),
                    indicator_values::indicator_id.eq(indicator),
                    indicator_values::unit_id.eq(unit),
                    indicator_values::value.eq(&new.value),
                    indicator_values::out_of.eq(&new.out_of),
                    indicator_values::estimated.eq(new.estimated),
                    indicator_values::bound.eq(&new.bound),
                    indicator_values::growth_pct.eq(&new.growth),
                    indicator_values::same_period_pct.eq(&new.same_period),
                    indicator_values::plan_pct.eq(&new.plan),
                    indicator_values::note.eq(&new.note),
                    indicator_values::sort_order.eq(last.map_or(0, |l| l + 1)),
                ))
                .execute(conn)?;
            plan.created.push(line);
        }
    }
    Ok(true)
}

fn write_result(
    conn: &mut DbConn,
    plan: &mut Plan,
    what: &str,
    year_id: i32,
    unit: i32,
    file: Result4,
) -> QueryResult<bool> {
    let stored: Option<(i32, Result4)> = member_results::table
        .filter(member_results::cluster_year_id.eq(year_id))
        .filter(member_results::unit_id.eq(unit))
        .select((
            member_results::id,
            (
                member_results::score,
                member_results::rank,
                member_results::grade,
                member_results::note,
            ),
        ))
        .first(conn)
        .optional()?;
    let line = format!("{what}: điểm, xếp hạng");
    match stored {
        Some((id, old)) => {
            let new: Result4 = (
                file.0.or(old.0.clone()),
                file.1.or(old.1),
                file.2.or(old.2.clone()),
                file.3.or(old.3.clone()),
            );
            if new == old {
                plan.unchanged += 1;
                return Ok(false);
            }
            diesel::update(member_results::table.find(id))
                .set((
                    member_results::score.eq(&new.0),
                    member_results::rank.eq(new.1),
                    member_results::grade.eq(&new.2),
                    member_results::note.eq(&new.3),
                ))
                .execute(conn)?;
            plan.changed.push(line);
        }
        None => {
            diesel::insert_into(member_results::table)
                .values((
                    member_results::cluster_year_id.eq(year_id),
                    member_results::unit_id.eq(unit),
                    member_results::score.eq(&file.0),
                    member_results::rank.eq(file.1),
                    member_results::grade.eq(&file.2),
                    member_results::note.eq(&file.3),
                ))
                .execute(conn)?;
            plan.created.push(line);
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_name_an_indicator_its_measure_and_part() {
        assert_eq!(
            read_header("Thu ngân sách (tỷ đồng)"),
            ("Thu ngân sách".into(), "tỷ đồng".into(), Part::Value)
        );
        assert_eq!(
            read_header("Thu ngân sách — tăng so với cùng kỳ (%)"),
            ("Thu ngân sách".into(), String::new(), Part::Growth)
        );
        assert_eq!(
            read_header("Thu ngân sách - đạt kế hoạch (%)"),
            ("Thu ngân sách".into(), String::new(), Part::Plan)
        );
        assert_eq!(read_header("Thu ngân sách — ghi chú").2, Part::Remark);
        assert_eq!(
            read_header("Tỷ lệ hộ nghèo"),
            ("Tỷ lệ hộ nghèo".into(), String::new(), Part::Value)
        );
        // A dash inside a name that is not one of the parts stays.
        assert_eq!(
            read_header("Kinh tế - xã hội").0,
            "Kinh tế - xã hội".to_string()
        );
    }

    fn value(text: &str, measure: &str) -> (Read, Vec<String>) {
        let mut read = Read::default();
        let mut notes = Vec::new();
        read_value(text, measure, &mut read, &mut notes).expect("a figure");
        (read, notes)
    }

    #[test]
    fn value_cells_are_read_with_their_qualifiers() {
        let (r, _) = value("ước đạt 525,2", "tỷ đồng");
        assert_eq!(r.value.as_deref(), Some("525.2"));
        assert_eq!(r.qualifiers, Some((true, "exact", None)));
        let (r, _) = value("trên 400 tỷ đồng", "tỷ đồng");
        assert_eq!(r.value.as_deref(), Some("400"));
        assert_eq!(r.qualifiers, Some((false, "over", None)));
        let (r, _) = value("12/12", "xã");
        assert_eq!(r.value.as_deref(), Some("12"));
        assert_eq!(r.qualifiers, Some((false, "exact", Some("12".into()))));
        let (r, _) = value("1.854", "");
        assert_eq!(r.value.as_deref(), Some("1854"));
        let (r, notes) = value("Hoàn thành", "");
        assert_eq!(r.value, None);
        assert_eq!(notes, vec!["Hoàn thành".to_string()]);
        let mut read = Read::default();
        assert!(read_value("52,2,1", "", &mut read, &mut Vec::new()).is_err());
    }

    #[test]
    fn the_downloads_remark_is_read_back() {
        let mut read = Read::default();
        let mut notes = Vec::new();
        read_remark(
            "ước đạt; trên; trên tổng số 12; số liệu 11 tháng",
            &mut read,
            &mut notes,
        )
        .expect("a remark");
        assert_eq!(read.qualifiers, Some((true, "over", Some("12".into()))));
        assert_eq!(notes, vec!["số liệu 11 tháng".to_string()]);
    }
}
