//! Past years in bulk: one row per award proposed, with the year's chair,
//! vice chair and conference on the same rows (repeated, as boards keep
//! them in one sheet), or a row with the year's facts alone. A year not on
//! record is created and published: the admin has seen the preview. A
//! proposal already there (same unit and award kind in that year) is
//! updated where the file says more, never added twice.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::columns::{self, Columns, Field, lines};
use super::names::{ClusterIndex, UnitIndex};
use super::plan::Plan;
use super::scope::Scope;
use crate::db::DbConn;
use crate::domain::fold::{conference_search_text, fold_for_search};
use crate::domain::{dates::Precision, labels, typed};
use crate::schema::{award_kinds, award_proposals, cluster_years, conferences};

pub const FIELDS: &[Field] = &[
    columns::CLUSTER,
    columns::YEAR,
    Field {
        key: "chair",
        label: "Cụm trưởng",
        spellings: &["cum truong", "khoi truong", "cum truong khoi truong"],
        required: false,
    },
    Field {
        key: "vice",
        label: "Cụm phó",
        spellings: &["cum pho", "khoi pho", "cum pho khoi pho"],
        required: false,
    },
    Field {
        key: "held_on",
        label: "Ngày hội nghị",
        spellings: &["ngay hoi nghi", "ngay tong ket", "ngay hop"],
        required: false,
    },
    Field {
        key: "place",
        label: "Địa điểm",
        spellings: &["dia diem", "noi to chuc"],
        required: false,
    },
    Field {
        key: "unit",
        label: "Đơn vị",
        spellings: &["don vi", "don vi duoc de nghi", "tap the"],
        required: false,
    },
    Field {
        key: "award",
        label: "Hình thức khen thưởng",
        spellings: &["hinh thuc khen thuong", "danh hieu", "hinh thuc"],
        required: false,
    },
    Field {
        key: "for",
        label: "Tán thành",
        spellings: &["tan thanh", "so phieu tan thanh"],
        required: false,
    },
    Field {
        key: "against",
        label: "Không tán thành",
        spellings: &["khong tan thanh"],
        required: false,
    },
    Field {
        key: "abstain",
        label: "Không biểu quyết",
        spellings: &["khong bieu quyet"],
        required: false,
    },
    Field {
        key: "status",
        label: "Trạng thái",
        spellings: &["trang thai", "tinh trang", "ket qua"],
        required: false,
    },
    Field {
        key: "number",
        label: "Số quyết định",
        spellings: &["so quyet dinh", "quyet dinh"],
        required: false,
    },
    Field {
        key: "decided_on",
        label: "Ngày quyết định",
        spellings: &["ngay quyet dinh"],
        required: false,
    },
    Field {
        key: "decided_by",
        label: "Cơ quan quyết định",
        spellings: &["co quan quyet dinh", "cap quyet dinh"],
        required: false,
    },
    columns::BODY,
    Field {
        key: "selection",
        label: "Hình thức chọn",
        spellings: &["hinh thuc chon", "hinh thuc chon cum truong", "cach chon"],
        required: false,
    },
    columns::NOTE,
];

fn label(key: &str) -> &'static str {
    FIELDS.iter().find(|f| f.key == key).map_or("", |f| f.label)
}

/// How the chair was chosen, as a code: "bầu", "Được bầu", "elected".
/// None for a word that is none of them; Some("") for an empty cell.
fn selection_code(typed: &str) -> Option<&'static str> {
    let folded = fold_for_search(typed.trim());
    if folded.is_empty() {
        return Some("");
    }
    [
        "elected",
        "handed_over",
        "proposed",
        "approved",
        "appointed",
    ]
    .into_iter()
    .find(|code| {
        *code == folded
            || fold_for_search(labels::chair_selection_label(code)) == folded
            || crate::editor::validate::SELECTIONS
                .iter()
                .any(|(c, label)| c == code && fold_for_search(label) == folded)
    })
}

/// The rotation download's last row for a cluster: the chair that
/// rotation order points to next, not yet elected. It is no record.
fn is_forecast(note: &str) -> bool {
    fold_for_search(note).contains("chua bau")
}

fn status_code(typed: &str) -> Option<&'static str> {
    let folded = fold_for_search(typed.trim());
    if folded.is_empty() {
        return Some("proposed");
    }
    ["proposed", "appraised", "returned", "decided", "declined"]
        .into_iter()
        .find(|s| *s == folded || fold_for_search(labels::award_status_label(s)) == folded)
}

fn count(plan: &mut Plan, row: usize, key: &'static str, text: &str) -> Option<i32> {
    if text.is_empty() {
        return None;
    }
    match text.trim().parse::<i32>() {
        Ok(n) if (0..=10_000).contains(&n) => Some(n),
        _ => {
            plan.error(row, label(key), format!("“{text}” không phải số phiếu."));
            None
        }
    }
}

fn unit(
    plan: &mut Plan,
    index: &UnitIndex,
    row: usize,
    key: &'static str,
    typed: &str,
) -> Option<i32> {
    index.resolve(typed, None).unwrap_or_else(|unresolved| {
        plan.unresolved(row, label(key), typed, unresolved);
        None
    })
}

/// A year's chair, vice chair and how the chair was chosen.
type Officers = (Option<i32>, Option<i32>, Option<String>);

/// A proposal as compared: status, votes for, against and abstaining,
/// decision number, date and its precision, who decided, and its note.
type StoredProposal = (
    String,
    Option<i32>,
    Option<i32>,
    Option<i32>,
    Option<String>,
    Option<NaiveDate>,
    String,
    Option<String>,
    Option<String>,
);

pub fn run(
    conn: &mut DbConn,
    rows: &[(usize, Vec<String>)],
    cols: &Columns,
    context: &super::Context,
) -> QueryResult<Plan> {
    let mut plan = Plan::new("Khen thưởng các năm");
    let index = UnitIndex::load(conn)?.with_choices(&context.choices);
    let known_clusters = ClusterIndex::load(conn)?;
    let kinds: Vec<(i32, String, String)> = award_kinds::table
        .select((award_kinds::id, award_kinds::name, award_kinds::short_name))
        .load(conn)?;
    // The proposals sheet of a year's tables.xlsx names its cluster and
    // year in its title, not in columns.
    let scope = match Scope::of(rows, cols.header_row, &known_clusters, context) {
        Ok(scope) => scope,
        Err(message) => {
            plan.error(cols.header_row, label("cluster"), message);
            return Ok(plan);
        }
    };
    for line in lines(rows, cols, FIELDS) {
        let (n, row) = (line.number, line.cells);
        if is_forecast(cols.get("note", row)) {
            plan.unchanged += 1;
            continue;
        }
        let errors_before = plan.errors.len();
        let selection = selection_code(cols.get("selection", row));
        if selection.is_none() {
            plan.error(
                n,
                label("selection"),
                format!(
                    "Không rõ hình thức chọn “{}” (Bầu, Bàn giao, Chỉ định…).",
                    cols.get("selection", row)
                ),
            );
        }
        let selection = selection.filter(|s| !s.is_empty());
        let cluster_year = scope.year_of(&line, &mut plan, &known_clusters);
        let chair = unit(&mut plan, &index, n, "chair", cols.get("chair", row));
        let vice = unit(&mut plan, &index, n, "vice", cols.get("vice", row));
        let held_on = match cols.get("held_on", row) {
            "" => None,
            t => typed::date(t)
                .map_err(|m| plan.error(n, label("held_on"), m))
                .ok(),
        };
        let place = Some(cols.get("place", row))
            .filter(|p| !p.is_empty())
            .map(str::to_string);
        let awardee = unit(&mut plan, &index, n, "unit", cols.get("unit", row));
        let award_text = cols.get("award", row);
        let award = if award_text.is_empty() {
            if awardee.is_some() {
                plan.error(
                    n,
                    label("award"),
                    "Thiếu hình thức khen thưởng cho đơn vị này.",
                );
            }
            None
        } else {
            let matching: Vec<&(i32, String, String)> = kinds
                .iter()
                .filter(|(_, name, short)| {
                    fold_for_search(name) == fold_for_search(award_text)
                        || fold_for_search(short) == fold_for_search(award_text)
                })
                .collect();
            match matching.as_slice() {
                [one] => Some(one.0),
                [] => {
                    plan.error(
                        n,
                        label("award"),
                        format!("Không có hình thức “{award_text}” trong danh mục khen thưởng."),
                    );
                    None
                }
                _ => {
                    plan.error(
                        n,
                        label("award"),
                        format!(
                            "“{award_text}” ứng với nhiều hình thức trong danh mục; hãy ghi đủ tên."
                        ),
                    );
                    None
                }
            }
        };
        if award.is_some() && awardee.is_none() && cols.get("unit", row).is_empty() {
            plan.error(n, label("unit"), "Thiếu đơn vị được đề nghị.");
        }
        let votes = (
            count(&mut plan, n, "for", cols.get("for", row)),
            count(&mut plan, n, "against", cols.get("against", row)),
            count(&mut plan, n, "abstain", cols.get("abstain", row)),
        );
        let status = status_code(cols.get("status", row));
        if status.is_none() {
            plan.error(
                n,
                label("status"),
                format!(
                    "Không rõ trạng thái “{}” (Đề nghị, Đã quyết định, Không được khen thưởng…).",
                    cols.get("status", row)
                ),
            );
        }
        let decision_number = Some(cols.get("number", row))
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        let decided_on: Option<(NaiveDate, Precision)> =
            match typed::partial_date(cols.get("decided_on", row)) {
                Ok(d) => d,
                Err(m) => {
                    plan.error(n, label("decided_on"), m);
                    None
                }
            };
        let decided_by = Some(cols.get("decided_by", row))
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        if plan.errors.len() > errors_before {
            continue;
        }
        let Some((cluster, year)) = cluster_year else {
            continue;
        };
        let what = format!(
            "Dòng {n}: {} năm {year}",
            labels::capitalise_first(&known_clusters.name(cluster))
        );
        let written_before = plan.created.len() + plan.changed.len();

        // The year: found or created (published), its chair and vice chair
        // set where the file names them.
        let existing: Option<(i32, Officers)> = cluster_years::table
            .filter(cluster_years::cluster_id.eq(cluster))
            .filter(cluster_years::year.eq(year))
            .select((
                cluster_years::id,
                (
                    cluster_years::chair_unit_id,
                    cluster_years::vice_chair_unit_id,
                    cluster_years::chair_selection,
                ),
            ))
            .first(conn)
            .optional()?;
        let year_id = match existing {
            Some((id, old)) => {
                let new: Officers = (
                    chair.or(old.0),
                    vice.or(old.1),
                    selection.map(str::to_string).or(old.2.clone()),
                );
                if new != old {
                    diesel::update(cluster_years::table.find(id))
                        .set((
                            cluster_years::chair_unit_id.eq(new.0),
                            cluster_years::vice_chair_unit_id.eq(new.1),
                            cluster_years::chair_selection.eq(&new.2),
                            cluster_years::version.eq(cluster_years::version + 1),
                        ))
                        .execute(conn)?;
                    plan.changed.push(format!("{what}: Cụm trưởng, Cụm phó"));
                }
                id
            }
            None => {
                let id = diesel::insert_into(cluster_years::table)
                    .values((
                        cluster_years::cluster_id.eq(cluster),
                        cluster_years::year.eq(year),
                        cluster_years::chair_unit_id.eq(chair),
                        cluster_years::vice_chair_unit_id.eq(vice),
                        cluster_years::chair_selection.eq(selection),
                        cluster_years::status.eq("published"),
                    ))
                    .returning(cluster_years::id)
                    .get_result(conn)?;
                plan.created.push(format!("{what}: hồ sơ năm"));
                id
            }
        };
        if let Some(held_on) = held_on {
            let has: i64 = conferences::table
                .filter(conferences::cluster_year_id.eq(year_id))
                .filter(conferences::held_on.eq(held_on))
                .count()
                .get_result(conn)?;
            if has == 0 {
                diesel::insert_into(conferences::table)
                    .values((
                        conferences::cluster_year_id.eq(year_id),
                        conferences::kind.eq("year_end_summary"),
                        conferences::held_on.eq(held_on),
                        conferences::locality.eq(&place),
                        conferences::search_text.eq(conference_search_text(
                            None,
                            None,
                            place.as_deref(),
                        )),
                    ))
                    .execute(conn)?;
                plan.created.push(format!(
                    "{what}: hội nghị ngày {}",
                    crate::domain::dates::short(held_on)
                ));
            }
        }
        let (Some(awardee), Some(award)) = (awardee, award) else {
            // A row of the year's facts alone: left alone when they are
            // the record's already.
            if plan.created.len() + plan.changed.len() == written_before {
                plan.unchanged += 1;
            }
            continue;
        };
        let Some(status) = status else {
            continue;
        };
        let stored: Option<(i32, StoredProposal)> = award_proposals::table
            .filter(award_proposals::cluster_year_id.eq(year_id))
            .filter(award_proposals::unit_id.eq(awardee))
            .filter(award_proposals::award_kind_id.eq(award))
            .select((
                award_proposals::id,
                (
                    award_proposals::status,
                    award_proposals::votes_for,
                    award_proposals::votes_against,
                    award_proposals::votes_abstain,
                    award_proposals::decision_number,
                    award_proposals::decision_date,
                    award_proposals::decision_date_precision,
                    award_proposals::decided_by,
                    award_proposals::note,
                ),
            ))
            .first(conn)
            .optional()?;
        let award_what = format!("{what}: {} — {award_text}", cols.get("unit", row));
        match stored {
            Some((id, old)) => {
                // The file adds what the record lacks or corrects it; an
                // empty cell keeps the record's value.
                let new: StoredProposal = (
                    status.to_string(),
                    votes.0.or(old.1),
                    votes.1.or(old.2),
                    votes.2.or(old.3),
                    decision_number.clone().or(old.4.clone()),
                    decided_on.map(|d| d.0).or(old.5),
                    decided_on.map_or(old.6.clone(), |d| d.1.code().to_string()),
                    decided_by.clone().or(old.7.clone()),
                    line.text("note").or(old.8.clone()),
                );
                if new == old {
                    plan.unchanged += 1;
                } else {
                    diesel::update(award_proposals::table.find(id))
                        .set((
                            award_proposals::status.eq(&new.0),
                            award_proposals::votes_for.eq(new.1),
                            award_proposals::votes_against.eq(new.2),
                            award_proposals::votes_abstain.eq(new.3),
                            award_proposals::decision_number.eq(&new.4),
                            award_proposals::decision_date.eq(new.5),
                            award_proposals::decision_date_precision.eq(&new.6),
                            award_proposals::decided_by.eq(&new.7),
                            award_proposals::note.eq(&new.8),
                            award_proposals::version.eq(award_proposals::version + 1),
                        ))
                        .execute(conn)?;
                    plan.changed.push(award_what);
                }
            }
            None => {
                let order: i64 = award_proposals::table
                    .filter(award_proposals::cluster_year_id.eq(year_id))
                    .count()
                    .get_result(conn)?;
                diesel::insert_into(award_proposals::table)
                    .values((
                        award_proposals::cluster_year_id.eq(year_id),
                        award_proposals::unit_id.eq(awardee),
                        award_proposals::award_kind_id.eq(award),
                        award_proposals::votes_for.eq(votes.0),
                        award_proposals::votes_against.eq(votes.1),
                        award_proposals::votes_abstain.eq(votes.2),
                        award_proposals::status.eq(status),
                        award_proposals::decision_number.eq(&decision_number),
                        award_proposals::decision_date.eq(decided_on.map(|d| d.0)),
                        award_proposals::decision_date_precision
                            .eq(decided_on.map_or("day", |d| d.1.code())),
                        award_proposals::decided_by.eq(&decided_by),
                        award_proposals::note.eq(line.text("note")),
                        award_proposals::sort_order.eq(order as i32),
                    ))
                    .execute(conn)?;
                plan.created.push(award_what);
            }
        }
    }
    Ok(plan)
}
