//! Importing units: name, kind, parent, official code, valid from/to and
//! successor. A unit already on record (by code, or by name and kind
//! within its parent) is updated where the file says more, never entered
//! twice; a parent or successor may be a unit of an earlier row.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::columns::{Columns, Field};
use super::names::{Found, Known, UnitIndex, kind_code};
use super::plan::Plan;
use crate::db::DbConn;
use crate::domain::fold::fold_for_search;
use crate::domain::{labels, typed};
use crate::schema::units;

pub const FIELDS: &[Field] = &[
    Field {
        key: "name",
        label: "Tên đơn vị",
        spellings: &["ten don vi", "don vi", "ten"],
        required: true,
    },
    Field {
        key: "kind",
        label: "Loại",
        spellings: &["loai", "loai don vi", "cap"],
        required: true,
    },
    Field {
        key: "parent",
        label: "Trực thuộc",
        spellings: &["truc thuoc", "thuoc", "don vi cap tren", "cap tren"],
        required: false,
    },
    Field {
        key: "code",
        label: "Mã",
        spellings: &["ma", "ma don vi", "ma so"],
        required: false,
    },
    Field {
        key: "from",
        label: "Từ ngày",
        spellings: &["tu ngay", "hieu luc tu", "ngay thanh lap"],
        required: false,
    },
    Field {
        key: "to",
        label: "Đến ngày",
        spellings: &["den ngay", "het hieu luc", "ngay giai the"],
        required: false,
    },
    Field {
        key: "successor",
        label: "Đơn vị kế thừa",
        spellings: &["don vi ke thua", "ke thua", "sap nhap vao"],
        required: false,
    },
];

fn label(key: &str) -> &'static str {
    FIELDS.iter().find(|f| f.key == key).map_or("", |f| f.label)
}

/// What an update compares: code, parent, valid from and to, successor.
type Stored = (
    Option<String>,
    Option<i32>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<i32>,
);

fn date(plan: &mut Plan, row: usize, key: &'static str, text: &str) -> Option<NaiveDate> {
    if text.is_empty() {
        return None;
    }
    match typed::date(text) {
        Ok(d) => Some(d),
        Err(message) => {
            plan.error(row, label(key), message);
            None
        }
    }
}

/// Runs the import on `conn` (the caller commits or rolls back).
pub fn run(
    conn: &mut DbConn,
    rows: &[(usize, Vec<String>)],
    cols: &Columns,
    context: &super::Context,
) -> QueryResult<Plan> {
    let mut plan = Plan::new("Đơn vị");
    let mut index = UnitIndex::load(conn)?.with_choices(&context.choices);
    for (number, row) in rows.iter().filter(|(n, _)| *n > cols.header_row) {
        let row_number = *number;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let errors_before = plan.errors.len();
        let name = cols.get("name", row).to_string();
        if name.is_empty() {
            plan.error(row_number, label("name"), "Thiếu tên đơn vị.");
        } else if name.chars().count() > 200 {
            plan.error(row_number, label("name"), "Tên đơn vị dài quá 200 ký tự.");
        }
        let kind = match kind_code(cols.get("kind", row)) {
            Some(k) => Some(k),
            None => {
                plan.error(
                    row_number,
                    label("kind"),
                    format!(
                        "Không rõ loại đơn vị “{}” (ví dụ: huyện, xã, phường, sở, ban, ngành).",
                        cols.get("kind", row)
                    ),
                );
                None
            }
        };
        let parent = index
            .resolve(cols.get("parent", row), None)
            .unwrap_or_else(|u| {
                plan.unresolved(row_number, label("parent"), cols.get("parent", row), u);
                None
            });
        let successor = index
            .resolve(cols.get("successor", row), None)
            .unwrap_or_else(|u| {
                plan.unresolved(
                    row_number,
                    label("successor"),
                    cols.get("successor", row),
                    u,
                );
                None
            });
        let from = date(&mut plan, row_number, "from", cols.get("from", row));
        let to = date(&mut plan, row_number, "to", cols.get("to", row));
        if let (Some(a), Some(b)) = (from, to)
            && b < a
        {
            plan.error(row_number, label("to"), "Ngày kết thúc trước ngày bắt đầu.");
        }
        let code = Some(cols.get("code", row))
            .filter(|c| !c.is_empty())
            .map(str::to_string);
        if plan.errors.len() > errors_before {
            continue;
        }
        let Some(kind) = kind else {
            continue;
        };
        // A name without its kind word: "Lộc Hà", not "huyện Lộc Hà".
        let bare = bare_name(&name, kind);
        let full = labels::unit_full_name(kind, &bare);
        let existing = match code.as_deref().and_then(|c| index.by_code(c)) {
            Some(id) => Found::One(id),
            None => index.find(&bare, Some(kind), parent),
        };
        match existing {
            Found::Many(labels) => plan.error(
                row_number,
                label("name"),
                format!(
                    "“{name}” ứng với nhiều đơn vị: {}. Hãy ghi mã hoặc đơn vị trực thuộc.",
                    labels
                        .iter()
                        .map(|(_, l)| l.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            ),
            Found::One(id) => {
                let (old_code, old_parent, old_from, old_to, old_successor): Stored = units::table
                    .find(id)
                    .select((
                        units::code,
                        units::parent_id,
                        units::valid_from,
                        units::valid_to,
                        units::successor_id,
                    ))
                    .first(conn)?;
                // The file adds what the record lacks or corrects it; an
                // empty cell leaves the record's value.
                let new = (
                    code.clone().or(old_code.clone()),
                    parent.or(old_parent),
                    from.or(old_from),
                    to.or(old_to),
                    successor.or(old_successor),
                );
                if new == (old_code, old_parent, old_from, old_to, old_successor) {
                    plan.unchanged += 1;
                } else {
                    diesel::update(units::table.find(id))
                        .set((
                            units::code.eq(&new.0),
                            units::parent_id.eq(new.1),
                            units::valid_from.eq(new.2),
                            units::valid_to.eq(new.3),
                            units::successor_id.eq(new.4),
                            units::version.eq(units::version + 1),
                        ))
                        .execute(conn)?;
                    plan.changed.push(format!("Dòng {row_number}: {full}"));
                }
            }
            Found::None => {
                let id = diesel::insert_into(units::table)
                    .values((
                        units::name.eq(&bare),
                        units::kind.eq(kind),
                        units::parent_id.eq(parent),
                        units::valid_from.eq(from),
                        units::valid_to.eq(to),
                        units::successor_id.eq(successor),
                        units::code.eq(&code),
                        units::search_text.eq(fold_for_search(&full)),
                    ))
                    .returning(units::id)
                    .get_result(conn)?;
                index.add(
                    Known {
                        id,
                        kind: kind.to_string(),
                        parent,
                        code: code.clone(),
                        label: full.clone(),
                    },
                    &bare,
                );
                plan.created.push(format!("Dòng {row_number}: {full}"));
            }
        }
    }
    Ok(plan)
}

/// "huyện Lộc Hà" → "Lộc Hà" when the kind is a district; the name as
/// typed otherwise.
fn bare_name(name: &str, kind: &str) -> String {
    let prefix = labels::unit_kind_prefix(kind);
    if prefix.is_empty() {
        return name.trim().to_string();
    }
    let lower = name.trim().to_lowercase();
    match lower.strip_prefix(&format!("{prefix} ")) {
        Some(_) => name.trim()[prefix.len() + 1..].trim().to_string(),
        None => name.trim().to_string(),
    }
}
