//! Importing memberships: which units belong to which cluster or block,
//! from which year to which — the same columns as the catalogue's Excel
//! download (`/clusters.xlsx`, sheet "Đơn vị thành viên"), so that file
//! imports back unchanged.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::columns::{self, Columns, Field};
use super::names::{ClusterIndex, UnitIndex, kind_code};
use super::plan::Plan;
use crate::db::DbConn;
use crate::domain::{labels, typed};
use crate::schema::memberships;

pub const FIELDS: &[Field] = &[
    Field {
        key: "cluster",
        label: "Cụm, khối",
        spellings: &["cum khoi", "cum", "khoi", "cum thi dua", "khoi thi dua"],
        required: true,
    },
    Field {
        key: "unit",
        label: "Đơn vị",
        spellings: &["don vi", "ten don vi", "don vi thanh vien"],
        required: true,
    },
    Field {
        key: "kind",
        label: "Loại đơn vị",
        spellings: &["loai don vi", "loai"],
        required: false,
    },
    Field {
        key: "from",
        label: "Từ năm",
        spellings: &["tu nam", "nam bat dau"],
        required: true,
    },
    Field {
        key: "to",
        label: "Đến năm",
        spellings: &["den nam", "nam ket thuc"],
        required: false,
    },
    Field {
        key: "number",
        label: "Quyết định",
        spellings: &["quyet dinh", "so quyet dinh"],
        required: false,
    },
    Field {
        key: "date",
        label: "Ngày quyết định",
        spellings: &["ngay quyet dinh"],
        required: false,
    },
    columns::BODY,
];

fn label(key: &str) -> &'static str {
    FIELDS.iter().find(|f| f.key == key).map_or("", |f| f.label)
}

fn year(plan: &mut Plan, row: usize, key: &'static str, text: &str) -> Option<i32> {
    if text.is_empty() {
        return None;
    }
    match text.trim().parse::<i32>() {
        Ok(y) if (1945..=2100).contains(&y) => Some(y),
        _ => {
            plan.error(
                row,
                label(key),
                format!("“{text}” không phải một năm (ví dụ: 2021)."),
            );
            None
        }
    }
}

/// A membership as stored: id, to year, decision number and date.
type Stored = (i32, Option<i32>, Option<String>, Option<NaiveDate>);

pub fn run(
    conn: &mut DbConn,
    rows: &[(usize, Vec<String>)],
    cols: &Columns,
    context: &super::Context,
) -> QueryResult<Plan> {
    let mut plan = Plan::new("Thành viên cụm, khối");
    let index = UnitIndex::load(conn)?.with_choices(&context.choices);
    let known_clusters = ClusterIndex::load(conn)?;
    for (number, row) in rows.iter().filter(|(n, _)| *n > cols.header_row) {
        let n = *number;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let errors_before = plan.errors.len();
        let cluster_name = cols.get("cluster", row);
        let cluster = known_clusters
            .resolve(cluster_name, cols.get("body", row))
            .map_err(|message| plan.error(n, label("cluster"), message))
            .ok();
        let unit_text = cols.get("unit", row);
        let kind = Some(cols.get("kind", row))
            .filter(|k| !k.is_empty())
            .and_then(kind_code);
        let unit = match index.resolve(unit_text, kind) {
            Ok(Some(id)) => Some(id),
            Ok(None) => {
                plan.error(n, label("unit"), "Thiếu đơn vị.");
                None
            }
            Err(unresolved) => {
                plan.unresolved(n, label("unit"), unit_text, unresolved);
                None
            }
        };
        let from = year(&mut plan, n, "from", cols.get("from", row));
        if cols.get("from", row).is_empty() {
            plan.error(n, label("from"), "Thiếu năm bắt đầu.");
        }
        let to = year(&mut plan, n, "to", cols.get("to", row));
        if let (Some(a), Some(b)) = (from, to)
            && b < a
        {
            plan.error(n, label("to"), "Năm kết thúc trước năm bắt đầu.");
        }
        let decision = Some(cols.get("number", row))
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        let date: Option<NaiveDate> = match cols.get("date", row) {
            "" => None,
            text => typed::date(text)
                .map_err(|m| plan.error(n, label("date"), m))
                .ok(),
        };
        if plan.errors.len() > errors_before {
            continue;
        }
        let (Some(cluster), Some(unit), Some(from)) = (cluster, unit, from) else {
            continue;
        };
        let existing: Option<Stored> = memberships::table
            .filter(memberships::cluster_id.eq(cluster))
            .filter(memberships::unit_id.eq(unit))
            .filter(memberships::from_year.eq(from))
            .select((
                memberships::id,
                memberships::to_year,
                memberships::decision_number,
                memberships::decision_date,
            ))
            .first(conn)
            .optional()?;
        let what = format!(
            "Dòng {n}: {} — {unit_text} từ năm {from}",
            labels::capitalise_first(cluster_name)
        );
        match existing {
            Some((_, old_to, old_number, old_date))
                if (old_to, &old_number, old_date) == (to, &decision, date) =>
            {
                plan.unchanged += 1
            }
            Some((id, ..)) => {
                diesel::update(memberships::table.find(id))
                    .set((
                        memberships::to_year.eq(to),
                        memberships::decision_number.eq(&decision),
                        memberships::decision_date.eq(date),
                    ))
                    .execute(conn)?;
                plan.changed.push(what);
            }
            None => {
                let order: i64 = memberships::table
                    .filter(memberships::cluster_id.eq(cluster))
                    .count()
                    .get_result(conn)?;
                diesel::insert_into(memberships::table)
                    .values((
                        memberships::cluster_id.eq(cluster),
                        memberships::unit_id.eq(unit),
                        memberships::from_year.eq(from),
                        memberships::to_year.eq(to),
                        memberships::decision_number.eq(&decision),
                        memberships::decision_date.eq(date),
                        memberships::sort_order.eq(order as i32),
                    ))
                    .execute(conn)?;
                plan.created.push(what);
            }
        }
    }
    Ok(plan)
}
