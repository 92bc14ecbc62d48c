//! The official list of Vietnam's administrative units after the 2025
//! reorganisation (official/units-2025-07.tsv, its source beside it), and
//! adding a province with its communes, wards and special zones in one
//! step: matched by code, or by folded name within the province, never
//! entered twice; running it again changes nothing.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::domain::fold::fold_for_search;
use crate::domain::labels;
use crate::schema::units;

const CATALOGUE: &str = include_str!("official/units-2025-07.tsv");

/// The day the reorganised units took effect.
pub fn in_force_from() -> NaiveDate {
    // A constant date that exists: this cannot fail.
    NaiveDate::from_ymd_opt(2025, 7, 1).expect("1 July 2025 is a date")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialUnit {
    pub code: &'static str,
    pub kind: &'static str,
    pub name: &'static str,
    /// The province's code, for a commune, ward or special zone.
    pub province: Option<&'static str>,
}

impl OfficialUnit {
    /// "tỉnh Hà Tĩnh", "phường Hoàn Kiếm".
    pub fn full_name(&self) -> String {
        labels::unit_full_name(self.kind, self.name)
    }
}

/// Every unit of the list, provinces first within their own lines.
pub fn all() -> Vec<OfficialUnit> {
    CATALOGUE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cells = l.split('\t');
            let code = cells.next()?;
            let kind = cells.next()?;
            let name = cells.next()?;
            let province = cells.next().filter(|p| !p.is_empty());
            Some(OfficialUnit {
                code,
                kind,
                name,
                province,
            })
        })
        .collect()
}

pub fn provinces() -> Vec<OfficialUnit> {
    all().into_iter().filter(|u| u.province.is_none()).collect()
}

/// The province named by its code ("42", "1") or its name in any spelling
/// ("Hà Tĩnh", "tỉnh Hà Tĩnh", "ha tinh", "TP. Hồ Chí Minh").
pub fn find_province(name_or_code: &str) -> Option<OfficialUnit> {
    let typed = name_or_code.trim();
    let provinces = provinces();
    if let Ok(n) = typed.parse::<u32>() {
        return provinces
            .into_iter()
            .find(|p| p.code.parse::<u32>().ok() == Some(n));
    }
    let folded = strip_kind_words(&fold_for_search(typed));
    provinces
        .into_iter()
        .find(|p| fold_for_search(p.name) == folded)
}

/// "tinh ha tinh" → "ha tinh"; "tp. ho chi minh" → "ho chi minh".
fn strip_kind_words(folded: &str) -> String {
    for prefix in ["thanh pho ", "tp. ", "tp ", "tinh "] {
        if let Some(rest) = folded.strip_prefix(prefix) {
            return rest.trim().to_string();
        }
    }
    folded.to_string()
}

/// What adding a province did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Added {
    pub created: usize,
    /// Units already there (entered by hand) that were given their code.
    pub coded: usize,
    pub unchanged: usize,
}

/// Adds the province and its units, in the caller's transaction.
pub fn add_province(conn: &mut DbConn, province: &OfficialUnit) -> QueryResult<Added> {
    let mut added = Added::default();
    let province_id = place(conn, province, None, &mut added)?;
    for unit in all().iter().filter(|u| u.province == Some(province.code)) {
        place(conn, unit, Some(province_id), &mut added)?;
    }
    Ok(added)
}

/// The unit's id: found by code, else by folded name and kind within the
/// parent (then given its code), else created.
fn place(
    conn: &mut DbConn,
    unit: &OfficialUnit,
    parent: Option<i32>,
    added: &mut Added,
) -> QueryResult<i32> {
    if let Some(id) = units::table
        .filter(units::code.eq(unit.code))
        .select(units::id)
        .first::<i32>(conn)
        .optional()?
    {
        added.unchanged += 1;
        return Ok(id);
    }
    let folded = fold_for_search(&unit.full_name());
    let mut by_name = units::table
        .filter(units::search_text.eq(&folded))
        .filter(units::kind.eq(unit.kind))
        .filter(units::code.is_null())
        .select(units::id)
        .into_boxed();
    by_name = match parent {
        Some(p) => by_name.filter(units::parent_id.eq(p)),
        None => by_name.filter(units::parent_id.is_null()),
    };
    if let Some(id) = by_name.first::<i32>(conn).optional()? {
        diesel::update(units::table.find(id))
            .set((
                units::code.eq(unit.code),
                units::version.eq(units::version + 1),
            ))
            .execute(conn)?;
        added.coded += 1;
        return Ok(id);
    }
    let id = diesel::insert_into(units::table)
        .values((
            units::name.eq(unit.name),
            units::kind.eq(unit.kind),
            units::parent_id.eq(parent),
            units::valid_from.eq(in_force_from()),
            units::code.eq(unit.code),
            units::search_text.eq(folded),
        ))
        .returning(units::id)
        .get_result(conn)?;
    added.created += 1;
    Ok(id)
}

/// Adds the province in one transaction and records it in the audit log
/// (only when something was added: a second run writes nothing at all).
pub fn add_province_recorded(
    conn: &mut DbConn,
    province: &OfficialUnit,
    user: Option<(i32, &str)>,
) -> QueryResult<Added> {
    crate::db::write(conn, |conn| {
        let added = add_province(conn, province)?;
        if added.created + added.coded > 0 {
            let note = format!(
                "{}: {} đơn vị mới, {} đơn vị đã có được gắn mã, {} đơn vị giữ nguyên",
                province.full_name(),
                added.created,
                added.coded,
                added.unchanged
            );
            crate::audit::record(
                conn,
                crate::audit::Entry {
                    user_id: user.map(|u| u.0),
                    user_name: user.map(|u| u.1),
                    action: "create",
                    entity: Some("units"),
                    note: Some(&note),
                    ..Default::default()
                },
            )?;
        }
        Ok(added)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_every_province_and_commune_of_2025() {
        let all = all();
        assert_eq!(provinces().len(), 34);
        assert_eq!(all.len() - 34, 3321);
        let kinds = |k: &str| all.iter().filter(|u| u.kind == k).count();
        assert_eq!(kinds("central_city"), 6);
        assert_eq!(kinds("province"), 28);
        assert_eq!(kinds("commune"), 2621);
        assert_eq!(kinds("ward"), 687);
        assert_eq!(kinds("special_zone"), 13);
        // Every commune's province is on the list.
        let codes: Vec<&str> = provinces().iter().map(|p| p.code).collect();
        assert!(
            all.iter()
                .filter_map(|u| u.province)
                .all(|p| codes.contains(&p))
        );
    }

    #[test]
    fn a_province_is_found_by_code_or_any_spelling_of_its_name() {
        for typed in ["Hà Tĩnh", "tỉnh Hà Tĩnh", "ha tinh", "42", "HÀ TĨNH"] {
            assert_eq!(
                find_province(typed).map(|p| p.name),
                Some("Hà Tĩnh"),
                "{typed}"
            );
        }
        assert_eq!(find_province("TP. Hồ Chí Minh").map(|p| p.code), Some("79"));
        assert_eq!(find_province("1").map(|p| p.name), Some("Hà Nội"));
        assert_eq!(
            find_province("Bắc Kạn"),
            None,
            "merged into Thái Nguyên in 2025"
        );
    }
}
