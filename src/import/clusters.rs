//! Importing clusters and blocks: name, kind, organising body, years,
//! size and founding decision — the columns of the catalogue's Excel
//! download (`/clusters.xlsx`, sheet "Cụm, khối"), which imports back
//! unchanged. The organising body must be on record (by name or short
//! name); a cluster is matched by its folded name.

use diesel::prelude::*;

use super::columns::{Columns, Field};
use super::plan::Plan;
use crate::db::DbConn;
use crate::domain::fold::fold_for_search;
use crate::schema::{clusters, organising_bodies};

pub const FIELDS: &[Field] = &[
    Field {
        key: "name",
        label: "Cụm, khối",
        spellings: &["cum khoi", "ten cum khoi", "cum thi dua", "khoi thi dua"],
        required: true,
    },
    Field {
        key: "kind",
        label: "Loại",
        spellings: &["loai"],
        required: false,
    },
    Field {
        key: "body",
        label: "Cơ quan tổ chức",
        spellings: &["co quan to chuc", "co quan", "don vi to chuc"],
        required: true,
    },
    Field {
        key: "from",
        label: "Từ năm",
        spellings: &["tu nam", "nam thanh lap"],
        required: false,
    },
    Field {
        key: "to",
        label: "Đến năm",
        spellings: &["den nam", "nam ket thuc"],
        required: false,
    },
    Field {
        key: "size",
        label: "Số đơn vị theo quyết định",
        spellings: &["so don vi theo quyet dinh", "so thanh vien"],
        required: false,
    },
    Field {
        key: "note",
        label: "Ghi chú",
        spellings: &["ghi chu", "quyet dinh thanh lap", "mo ta"],
        required: false,
    },
];

fn label(key: &str) -> &'static str {
    FIELDS.iter().find(|f| f.key == key).map_or("", |f| f.label)
}

fn kind_code(typed: &str) -> Option<&'static str> {
    match fold_for_search(typed.trim()).as_str() {
        "" | "cum" | "cum thi dua" | "cluster" => Some("cluster"),
        "khoi" | "khoi thi dua" | "block" => Some("block"),
        "nhom" | "nhom thi dua" | "group" => Some("group"),
        _ => None,
    }
}

fn number(
    plan: &mut Plan,
    row: usize,
    key: &'static str,
    text: &str,
    range: std::ops::RangeInclusive<i32>,
) -> Option<i32> {
    if text.is_empty() {
        return None;
    }
    match text.trim().parse::<i32>() {
        Ok(n) if range.contains(&n) => Some(n),
        _ => {
            plan.error(
                row,
                label(key),
                format!("“{text}” không phải một số hợp lệ ở cột này."),
            );
            None
        }
    }
}

/// A cluster as compared: kind, body, first and last year, size, note.
type Stored = (
    String,
    i32,
    Option<i32>,
    Option<i32>,
    Option<i32>,
    Option<String>,
);

/// A People's Committee a file names that is not on record yet: its
/// full name, short name and level ("UBND tỉnh Hà Tĩnh" → "Ủy ban nhân
/// dân tỉnh Hà Tĩnh", "UBND tỉnh Hà Tĩnh", province). A province is one of
/// the official list; other bodies are added on /admin by hand.
fn people_s_committee(typed: &str) -> Option<(String, String, &'static str)> {
    let typed = typed.trim();
    let folded = fold_for_search(typed);
    let rest_at = ["uy ban nhan dan ", "ubnd "]
        .iter()
        .find_map(|p| folded.starts_with(p).then(|| p.split_whitespace().count()))?;
    let place: String = typed
        .split_whitespace()
        .skip(rest_at)
        .collect::<Vec<_>>()
        .join(" ");
    let (kinds, bare) = super::names::split_kind(&place);
    let kinds = kinds?;
    let province = crate::units::official::provinces()
        .into_iter()
        .any(|p| fold_for_search(p.name) == bare && kinds.contains(&p.kind));
    let level = if province {
        "province"
    } else if kinds
        .iter()
        .any(|k| ["district", "town", "provincial_city"].contains(k))
    {
        "district"
    } else if kinds
        .iter()
        .any(|k| ["commune", "ward", "township", "special_zone"].contains(k))
    {
        "commune"
    } else {
        return None;
    };
    Some((
        format!("Ủy ban nhân dân {place}"),
        format!("UBND {place}"),
        level,
    ))
}

pub fn run(conn: &mut DbConn, rows: &[(usize, Vec<String>)], cols: &Columns) -> QueryResult<Plan> {
    let mut plan = Plan::new("Cụm, khối thi đua");
    let mut bodies: Vec<(i32, String, String)> = organising_bodies::table
        .select((
            organising_bodies::id,
            organising_bodies::name,
            organising_bodies::short_name,
        ))
        .load(conn)?;
    for (number_, row) in rows.iter().filter(|(n, _)| *n > cols.header_row) {
        let n = *number_;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let errors_before = plan.errors.len();
        let name = cols.get("name", row).to_string();
        if name.is_empty() || name.chars().count() > 300 {
            plan.error(
                n,
                label("name"),
                "Thiếu tên cụm, khối hoặc tên dài quá 300 ký tự.",
            );
        }
        let kind = kind_code(cols.get("kind", row));
        if kind.is_none() {
            plan.error(
                n,
                label("kind"),
                format!(
                    "Không rõ loại “{}” (Cụm, Khối hoặc Nhóm).",
                    cols.get("kind", row)
                ),
            );
        }
        let body_text = cols.get("body", row);
        let body = bodies
            .iter()
            .find(|(_, name, short)| {
                fold_for_search(name) == fold_for_search(body_text)
                    || fold_for_search(short) == fold_for_search(body_text)
            })
            .map(|(id, _, _)| *id);
        let body = match (body, people_s_committee(body_text)) {
            (Some(id), _) => Some(id),
            // A province's or district's People's Committee is created
            // with its clusters (the preview says so).
            (None, Some((name, short, level))) => {
                let id = diesel::insert_into(organising_bodies::table)
                    .values((
                        organising_bodies::name.eq(&name),
                        organising_bodies::short_name.eq(&short),
                        organising_bodies::level.eq(level),
                    ))
                    .returning(organising_bodies::id)
                    .get_result(conn)?;
                plan.created.push(format!("Cơ quan tổ chức: {name}"));
                bodies.push((id, name, short));
                Some(id)
            }
            (None, None) => {
                plan.error(n, label("body"), format!("Không có cơ quan tổ chức “{body_text}” trong hồ sơ; hãy thêm ở trang Quản trị trước."));
                None
            }
        };
        let from = number(&mut plan, n, "from", cols.get("from", row), 1945..=2100);
        let to = number(&mut plan, n, "to", cols.get("to", row), 1945..=2100);
        let size = number(&mut plan, n, "size", cols.get("size", row), 1..=10_000);
        let note = Some(cols.get("note", row))
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        if plan.errors.len() > errors_before {
            continue;
        }
        let (Some(kind), Some(body)) = (kind, body) else {
            continue;
        };
        let what = format!("Dòng {n}: {name}");
        // Names repeat across bodies ("Cụm thi đua số 1" of every
        // province): the cluster is the one of this body.
        let existing: Option<(i32, Stored)> = clusters::table
            .filter(clusters::search_text.eq(fold_for_search(&name)))
            .filter(clusters::organising_body_id.eq(body))
            .select((
                clusters::id,
                (
                    clusters::kind,
                    clusters::organising_body_id,
                    clusters::first_year,
                    clusters::last_year,
                    clusters::member_count,
                    clusters::description,
                ),
            ))
            .first(conn)
            .optional()?;
        match existing {
            Some((id, old)) => {
                let new: Stored = (
                    kind.to_string(),
                    body,
                    from.or(old.2),
                    to.or(old.3),
                    size.or(old.4),
                    note.clone().or(old.5.clone()),
                );
                if new == old {
                    plan.unchanged += 1;
                } else {
                    diesel::update(clusters::table.find(id))
                        .set((
                            clusters::kind.eq(&new.0),
                            clusters::organising_body_id.eq(new.1),
                            clusters::first_year.eq(new.2),
                            clusters::last_year.eq(new.3),
                            clusters::member_count.eq(new.4),
                            clusters::description.eq(&new.5),
                            clusters::version.eq(clusters::version + 1),
                        ))
                        .execute(conn)?;
                    plan.changed.push(what);
                }
            }
            None => {
                diesel::insert_into(clusters::table)
                    .values((
                        clusters::name.eq(&name),
                        clusters::kind.eq(kind),
                        clusters::organising_body_id.eq(body),
                        clusters::first_year.eq(from),
                        clusters::last_year.eq(to),
                        clusters::member_count.eq(size),
                        clusters::description.eq(&note),
                        clusters::search_text.eq(fold_for_search(&name)),
                    ))
                    .execute(conn)?;
                plan.created.push(what);
            }
        }
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_people_s_committee_is_read_with_its_level() {
        assert_eq!(
            people_s_committee("UBND tỉnh Hà Tĩnh"),
            Some((
                "Ủy ban nhân dân tỉnh Hà Tĩnh".into(),
                "UBND tỉnh Hà Tĩnh".into(),
                "province"
            ))
        );
        assert_eq!(
            people_s_committee("Ủy ban nhân dân thành phố Hà Nội").map(|b| b.2),
            Some("province")
        );
        assert_eq!(
            people_s_committee("UBND huyện Phước Sơn").map(|b| b.2),
            Some("district")
        );
        assert_eq!(
            people_s_committee("UBND xã Tân Mỹ").map(|b| b.2),
            Some("commune")
        );
        // Not a committee, or not a place: added by hand.
        assert_eq!(people_s_committee("Hội Nông dân tỉnh Hà Tĩnh"), None);
        assert_eq!(people_s_committee("UBND Hà Tĩnh"), None);
        // "tỉnh Hà Nội" is no province of the list.
        assert_eq!(people_s_committee("UBND tỉnh Hà Nội"), None);
    }
}
