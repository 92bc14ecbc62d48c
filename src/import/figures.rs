//! A year's figures one per row, as a report's table of indicators lists
//! them: indicator, measure unit, value, growth, plan, note — for the
//! cluster as a whole, or for the member a *Đơn vị* column names. The
//! "Chỉ tiêu toàn Cụm" sheet of a year's `tables.xlsx` is such a sheet and
//! imports back unchanged. The cluster and year come as for the tables.

use diesel::prelude::*;

use super::columns::{self, Columns, Field, fold_header, lines};
use super::names::{ClusterIndex, UnitIndex};
use super::plan::Plan;
use super::scope::Scope;
use super::tables::{self, Indicators, Read};
use crate::db::DbConn;
use crate::domain::labels;
use crate::schema::cluster_years;

pub const FIELDS: &[Field] = &[
    Field {
        key: "indicator",
        label: "Chỉ tiêu",
        spellings: &["chi tieu", "ten chi tieu", "noi dung chi tieu", "noi dung"],
        required: true,
    },
    Field {
        key: "value",
        label: "Giá trị",
        spellings: &[
            "gia tri",
            "ket qua",
            "so lieu",
            "thuc hien",
            "ket qua thuc hien",
        ],
        required: true,
    },
    Field {
        key: "measure",
        label: "Đơn vị tính",
        spellings: &["don vi tinh", "dvt"],
        required: false,
    },
    Field {
        key: "growth",
        label: "Tăng so với cùng kỳ (%)",
        spellings: &["tang so voi cung ky", "tang truong", "tang so cung ky"],
        required: false,
    },
    Field {
        key: "same_period",
        label: "So với cùng kỳ (%)",
        spellings: &["so voi cung ky", "so cung ky"],
        required: false,
    },
    Field {
        key: "plan",
        label: "Đạt kế hoạch (%)",
        spellings: &["dat ke hoach", "so voi ke hoach", "ke hoach"],
        required: false,
    },
    columns::NOTE,
    Field {
        key: "unit",
        label: "Đơn vị",
        spellings: &["don vi", "ten don vi", "don vi thanh vien"],
        required: false,
    },
    columns::ROW_NUMBER,
    columns::CLUSTER,
    columns::YEAR,
    columns::BODY,
];

pub fn run(
    conn: &mut DbConn,
    rows: &[(usize, Vec<String>)],
    cols: &Columns,
    context: &super::Context,
) -> QueryResult<Plan> {
    let mut plan = Plan::new("Chỉ tiêu chung");
    let units = UnitIndex::load(conn)?.with_choices(&context.choices);
    let clusters = ClusterIndex::load(conn)?;
    let scope = match Scope::of(rows, cols.header_row, &clusters, context) {
        Ok(scope) => scope,
        Err(message) => {
            plan.error(cols.header_row, "Cụm, khối", message);
            return Ok(plan);
        }
    };
    let mut known = Indicators::load(conn)?;
    let mut touched: Vec<i32> = Vec::new();
    // Each cluster-year the sheet names, looked up once.
    let mut years: std::collections::HashMap<(i32, i32), i32> = Default::default();
    for line in lines(rows, cols, FIELDS) {
        let errors_before = plan.errors.len();
        let Some((cluster, year)) = scope.year_of(&line, &mut plan, &clusters) else {
            continue;
        };
        let name = line.get("indicator");
        if name.is_empty() {
            line.error(&mut plan, "indicator", "Thiếu tên chỉ tiêu.");
            continue;
        }
        let unit_text = line.get("unit");
        let unit = if unit_text.is_empty()
            || tables::TOTAL_ROWS.contains(&fold_header(unit_text).as_str())
        {
            None
        } else {
            match units.resolve(unit_text, None) {
                Ok(found) => found,
                Err(unresolved) => {
                    plan.unresolved(line.number, line.label("unit"), unit_text, unresolved);
                    None
                }
            }
        };
        let measure = line.get("measure");
        let mut read = Read::default();
        let mut notes = Vec::new();
        let value = line.get("value");
        if !value.is_empty()
            && let Err(m) = tables::read_value(value, measure, &mut read, &mut notes)
        {
            line.error(&mut plan, "value", m);
        }
        let note = line.get("note");
        if !note.is_empty()
            && let Err(m) = tables::read_remark(note, &mut read, &mut notes)
        {
            line.error(&mut plan, "note", m);
        }
        for (key, slot) in [
            ("growth", &mut read.growth),
            ("same_period", &mut read.same_period),
            ("plan", &mut read.plan),
        ] {
            match line.get(key) {
                "" => {}
                t => match tables::plain(t) {
                    Ok(v) => *slot = Some(v),
                    Err(m) => line.error(&mut plan, key, m),
                },
            }
        }
        if !notes.is_empty() {
            read.note = Some(notes.join("; "));
        }
        if plan.errors.len() > errors_before || read.is_empty() {
            continue;
        }
        let year_id = match years.get(&(cluster, year)) {
            Some(id) => *id,
            None => {
                let id = tables::year_record(conn, &mut plan, &clusters, cluster, year)?;
                years.insert((cluster, year), id);
                id
            }
        };
        let indicator = known.id(conn, &mut plan, name, measure, name)?;
        let who = match unit {
            Some(_) => unit_text.to_string(),
            None => format!("toàn {}", labels::cluster_word(&clusters.kind(cluster))),
        };
        let what = format!("Dòng {}: {who}, năm {year}", line.number);
        let label = tables::titled(name, measure);
        if tables::write_figure(
            conn, &mut plan, &what, year_id, indicator, unit, &label, read,
        )? && !touched.contains(&year_id)
        {
            touched.push(year_id);
        }
    }
    for id in touched {
        diesel::update(cluster_years::table.find(id))
            .set(cluster_years::version.eq(cluster_years::version + 1))
            .execute(conn)?;
    }
    Ok(plan)
}
