//! Importing an issuer's award catalogue: each award kind with its short
//! name, who confers it, whether it is a title or a commendation, its rank
//! within the issuer, and the organising body whose catalogue it is in
//! (none: national). Matched by folded name and issuer.

use diesel::prelude::*;

use super::columns::{Columns, Field};
use super::plan::Plan;
use crate::db::DbConn;
use crate::domain::fold::fold_for_search;
use crate::schema::{award_kinds, organising_bodies};

pub const FIELDS: &[Field] = &[
    Field {
        key: "name",
        label: "Hình thức khen thưởng",
        spellings: &[
            "hinh thuc khen thuong",
            "ten hinh thuc",
            "danh hieu hinh thuc khen thuong",
        ],
        required: true,
    },
    Field {
        key: "short",
        label: "Tên ngắn",
        spellings: &["ten ngan", "ten viet tat"],
        required: false,
    },
    Field {
        key: "issuer",
        label: "Cấp quyết định",
        spellings: &["cap quyet dinh", "nguoi quyet dinh", "tham quyen"],
        required: true,
    },
    Field {
        key: "category",
        label: "Loại",
        spellings: &["loai", "phan loai"],
        required: false,
    },
    Field {
        key: "rank",
        label: "Thứ bậc",
        spellings: &["thu bac", "thu tu", "bac"],
        required: false,
    },
    Field {
        key: "body",
        label: "Danh mục của cơ quan",
        spellings: &["danh muc cua co quan", "co quan"],
        required: false,
    },
];

fn label(key: &str) -> &'static str {
    FIELDS.iter().find(|f| f.key == key).map_or("", |f| f.label)
}

/// Kind, short name, rank and body, as compared.
type Stored = (String, String, i32, Option<i32>);

pub fn run(conn: &mut DbConn, rows: &[(usize, Vec<String>)], cols: &Columns) -> QueryResult<Plan> {
    let mut plan = Plan::new("Danh mục khen thưởng");
    let bodies: Vec<(i32, String, String)> = organising_bodies::table
        .select((
            organising_bodies::id,
            organising_bodies::name,
            organising_bodies::short_name,
        ))
        .load(conn)?;
    for (number, row) in rows.iter().filter(|(n, _)| *n > cols.header_row) {
        let n = *number;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let errors_before = plan.errors.len();
        let name = cols.get("name", row).to_string();
        let issuer = cols.get("issuer", row).to_string();
        if name.is_empty() {
            plan.error(n, label("name"), "Thiếu tên hình thức khen thưởng.");
        }
        if issuer.is_empty() {
            plan.error(
                n,
                label("issuer"),
                "Thiếu cấp quyết định (ví dụ: Chủ tịch UBND tỉnh).",
            );
        }
        let category = match fold_for_search(cols.get("category", row)).as_str() {
            "danh hieu" | "danh hieu thi dua" | "title" => Some("title"),
            "" | "hinh thuc khen thuong" | "khen thuong" | "commendation" => Some("commendation"),
            _ => {
                plan.error(
                    n,
                    label("category"),
                    format!(
                        "Không rõ loại “{}” (Danh hiệu thi đua hoặc Hình thức khen thưởng).",
                        cols.get("category", row)
                    ),
                );
                None
            }
        };
        let rank = match cols.get("rank", row) {
            "" => Some(1),
            t => match t.parse::<i32>() {
                Ok(r) if (1..=100).contains(&r) => Some(r),
                _ => {
                    plan.error(
                        n,
                        label("rank"),
                        format!("“{t}” không phải thứ bậc (1 là cao nhất)."),
                    );
                    None
                }
            },
        };
        let body_text = cols.get("body", row);
        let body = if body_text.is_empty() {
            Some(None)
        } else {
            match bodies.iter().find(|(_, a, b)| {
                fold_for_search(a) == fold_for_search(body_text)
                    || fold_for_search(b) == fold_for_search(body_text)
            }) {
                Some((id, _, _)) => Some(Some(*id)),
                None => {
                    plan.error(
                        n,
                        label("body"),
                        format!("Không có cơ quan “{body_text}” trong hồ sơ."),
                    );
                    None
                }
            }
        };
        if plan.errors.len() > errors_before {
            continue;
        }
        // Each None above pushed its error, so this only skips rows already
        // reported.
        let (Some(category), Some(rank), Some(body)) = (category, rank, body) else {
            continue;
        };
        let short = Some(cols.get("short", row))
            .filter(|s| !s.is_empty())
            .unwrap_or(&name)
            .to_string();
        let what = format!("Dòng {n}: {name} ({issuer})");
        let existing: Option<(i32, String, String, Stored)> = award_kinds::table
            .select((
                award_kinds::id,
                award_kinds::name,
                award_kinds::issuing_authority,
                (
                    award_kinds::category,
                    award_kinds::short_name,
                    award_kinds::rank,
                    award_kinds::organising_body_id,
                ),
            ))
            .load::<(i32, String, String, Stored)>(conn)?
            .into_iter()
            .find(|(_, n, i, _)| {
                fold_for_search(n) == fold_for_search(&name)
                    && fold_for_search(i) == fold_for_search(&issuer)
            });
        let new: Stored = (category.to_string(), short.clone(), rank, body);
        match existing {
            Some((_, _, _, old)) if old == new => plan.unchanged += 1,
            Some((id, ..)) => {
                diesel::update(award_kinds::table.find(id))
                    .set((
                        award_kinds::category.eq(category),
                        award_kinds::short_name.eq(&short),
                        award_kinds::rank.eq(rank),
                        award_kinds::organising_body_id.eq(body),
                        award_kinds::version.eq(award_kinds::version + 1),
                    ))
                    .execute(conn)?;
                plan.changed.push(what);
            }
            None => {
                diesel::insert_into(award_kinds::table)
                    .values((
                        award_kinds::name.eq(&name),
                        award_kinds::short_name.eq(&short),
                        award_kinds::issuing_authority.eq(&issuer),
                        award_kinds::category.eq(category),
                        award_kinds::rank.eq(rank),
                        award_kinds::organising_body_id.eq(body),
                    ))
                    .execute(conn)?;
                plan.created.push(what);
            }
        }
    }
    Ok(plan)
}
