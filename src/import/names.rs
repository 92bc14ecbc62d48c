//! Matching a typed unit name to the units on record: "H. Lộc Hà",
//! "huyện Lộc Hà", "Loc Ha" are one unit; a kind word narrows the match;
//! a name that fits more than one unit is reported with the candidates,
//! never settled by guessing.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::DbConn;
use crate::domain::fold::fold_for_search;
use crate::domain::labels;
use crate::schema::units;

use super::plan::Unresolved;

/// Kind words and their abbreviations, folded, longest first, with the
/// kinds they mean.
const KIND_WORDS: &[(&str, &[&str])] = &[
    ("thanh pho truc thuoc trung uong", &["central_city"]),
    ("thanh pho", &["provincial_city", "central_city"]),
    ("thi tran", &["township"]),
    ("dac khu", &["special_zone"]),
    ("thi xa", &["town"]),
    ("phuong", &["ward"]),
    ("huyen", &["district"]),
    ("tinh", &["province"]),
    ("quan", &["district"]),
    ("tp.", &["provincial_city", "central_city"]),
    ("tp", &["provincial_city", "central_city"]),
    ("tx.", &["town"]),
    ("tt.", &["township"]),
    ("xa", &["commune"]),
    ("h.", &["district"]),
    ("x.", &["commune"]),
    ("p.", &["ward"]),
];

/// The kind words a typed name starts with, and the rest of it.
pub fn split_kind(typed: &str) -> (Option<&'static [&'static str]>, String) {
    let folded = fold_for_search(typed.trim());
    for (word, kinds) in KIND_WORDS {
        if let Some(rest) = folded.strip_prefix(word) {
            let rest = rest.trim_start_matches(['.', ' ']).trim();
            let whole_word = word.ends_with('.')
                || folded.len() == word.len()
                || folded.as_bytes()[word.len()] == b' ';
            if whole_word && !rest.is_empty() {
                return (Some(kinds), rest.to_string());
            }
        }
    }
    (None, folded)
}

/// A kind as a file writes it: the code ("district"), the label
/// ("Huyện", "Sở, ban, ngành") or the word before a name ("huyện").
pub fn kind_code(typed: &str) -> Option<&'static str> {
    const ALL: &[&str] = &[
        "province",
        "central_city",
        "ministry",
        "central_agency",
        "district",
        "town",
        "provincial_city",
        "commune",
        "ward",
        "township",
        "special_zone",
        "department",
        "organisation",
        "agency",
        "enterprise",
        "fatherland_front",
        "labour_federation",
        "youth_union",
        "womens_union",
        "farmers_union",
        "veterans_union",
        "association",
        "other",
    ];
    let folded = fold_for_search(typed.trim());
    ALL.iter().copied().find(|k| {
        *k == folded
            || fold_for_search(labels::unit_kind_label(k)) == folded
            || (!labels::unit_kind_prefix(k).is_empty()
                && fold_for_search(labels::unit_kind_prefix(k)) == folded)
    })
}

#[derive(Debug, Clone)]
pub struct Known {
    pub id: i32,
    pub kind: String,
    pub parent: Option<i32>,
    pub code: Option<String>,
    /// "huyện Lộc Hà (tỉnh Hà Tĩnh)", to show the admin.
    pub label: String,
}

#[derive(Debug, PartialEq)]
pub enum Found {
    One(i32),
    None,
    /// More than one unit fits: their ids and labels.
    Many(Vec<(i32, String)>),
}

/// A unit as read: id, name, kind, parent, code.
type Row = (i32, String, String, Option<i32>, Option<String>);

/// Every unit on record, by folded bare name.
pub struct UnitIndex {
    by_name: HashMap<String, Vec<Known>>,
    by_code: HashMap<String, i32>,
    /// What the admin chose for names that fit several units: folded
    /// name as typed → unit.
    chosen: HashMap<String, i32>,
}

impl UnitIndex {
    pub fn load(conn: &mut DbConn) -> QueryResult<UnitIndex> {
        let rows: Vec<Row> = units::table
            .select((
                units::id,
                units::name,
                units::kind,
                units::parent_id,
                units::code,
            ))
            .load(conn)?;
        let names: HashMap<i32, String> = rows
            .iter()
            .map(|(id, name, kind, _, _)| (*id, labels::unit_full_name(kind, name)))
            .collect();
        let mut index = UnitIndex {
            by_name: HashMap::new(),
            by_code: HashMap::new(),
            chosen: HashMap::new(),
        };
        for (id, name, kind, parent, code) in rows {
            let mut label = labels::unit_full_name(&kind, &name);
            if let Some(p) = parent.and_then(|p| names.get(&p)) {
                label.push_str(&format!(" ({p})"));
            }
            if let Some(c) = &code {
                index.by_code.insert(c.clone(), id);
            }
            index
                .by_name
                .entry(fold_for_search(&name))
                .or_default()
                .push(Known {
                    id,
                    kind,
                    parent,
                    code,
                    label,
                });
        }
        Ok(index)
    }

    pub fn by_code(&self, code: &str) -> Option<i32> {
        self.by_code.get(code.trim()).copied()
    }

    /// The unit `typed` names, of `kind` when the file says, within
    /// `parent` when known.
    pub fn find(&self, typed: &str, kind: Option<&str>, parent: Option<i32>) -> Found {
        let (kinds_in_name, bare) = split_kind(typed);
        let mut candidates: Vec<&Known> = self
            .by_name
            .get(&bare)
            .map_or(Vec::new(), |v| v.iter().collect());
        if candidates.is_empty() {
            // The name may itself start like a kind word ("Xa Lý"): try whole.
            candidates = self
                .by_name
                .get(&fold_for_search(typed.trim()))
                .map_or(Vec::new(), |v| v.iter().collect());
        }
        if let Some(kind) = kind {
            candidates.retain(|k| k.kind == kind);
        } else if let Some(kinds) = kinds_in_name {
            let narrowed: Vec<&Known> = candidates
                .iter()
                .copied()
                .filter(|k| kinds.contains(&k.kind.as_str()))
                .collect();
            if !narrowed.is_empty() {
                candidates = narrowed;
            }
        }
        if let Some(p) = parent {
            let within: Vec<&Known> = candidates
                .iter()
                .copied()
                .filter(|k| k.parent == Some(p))
                .collect();
            if !within.is_empty() {
                candidates = within;
            }
        }
        match candidates.as_slice() {
            [] => Found::None,
            [one] => Found::One(one.id),
            many => Found::Many(many.iter().map(|k| (k.id, k.label.clone())).collect()),
        }
    }

    /// Settles the names the admin chose a unit for (keyed by the name as
    /// typed); a choice of a unit that is not on record is ignored.
    pub fn with_choices(mut self, choices: &HashMap<String, i32>) -> UnitIndex {
        let ids: Vec<i32> = self.by_name.values().flatten().map(|k| k.id).collect();
        self.chosen = choices
            .iter()
            .filter(|(_, id)| ids.contains(id))
            .map(|(typed, id)| (fold_for_search(typed.trim()), *id))
            .collect();
        self
    }

    /// The unit a cell names, by official code or by name (of `kind` when
    /// the file says); None for an empty cell; else what to report beside
    /// the cell. The one way every import kind reads a unit.
    pub fn resolve(&self, typed: &str, kind: Option<&str>) -> Result<Option<i32>, Unresolved> {
        self.resolve_among(typed, kind, &[])
    }

    /// As resolve, preferring `members` (a cluster's units that year)
    /// when the name fits several units and just one of them is a member.
    pub fn resolve_among(
        &self,
        typed: &str,
        kind: Option<&str>,
        members: &[i32],
    ) -> Result<Option<i32>, Unresolved> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        if let Some(id) = self.by_code(typed) {
            return Ok(Some(id));
        }
        if let Some(id) = self.chosen.get(&fold_for_search(typed)) {
            return Ok(Some(*id));
        }
        match self.find(typed, kind, None) {
            Found::One(id) => Ok(Some(id)),
            Found::None => Err(Unresolved {
                message: format!("Không có đơn vị “{typed}” trong hồ sơ."),
                candidates: Vec::new(),
            }),
            Found::Many(many) => {
                let among: Vec<i32> = many
                    .iter()
                    .map(|(id, _)| *id)
                    .filter(|id| members.contains(id))
                    .collect();
                if let [one] = among.as_slice() {
                    return Ok(Some(*one));
                }
                Err(Unresolved {
                    message: format!(
                        "“{typed}” ứng với nhiều đơn vị: {}. Hãy chọn đơn vị đúng, hoặc ghi rõ loại (huyện, xã…) hay mã trong tệp.",
                        many.iter()
                            .map(|(_, l)| l.as_str())
                            .collect::<Vec<_>>()
                            .join("; ")
                    ),
                    candidates: many,
                })
            }
        }
    }

    /// Records a unit the file creates, so later rows can name it.
    pub fn add(&mut self, known: Known, name: &str) {
        if let Some(c) = &known.code {
            self.by_code.insert(c.clone(), known.id);
        }
        self.by_name
            .entry(fold_for_search(name))
            .or_default()
            .push(known);
    }
}

/// A cluster as the index keeps it.
struct ClusterEntry {
    id: i32,
    /// Its name, folded.
    folded: String,
    /// Its name as written.
    name: String,
    kind: String,
    /// Its organising body's name and short name, folded, and as written.
    body: (String, String),
    body_name: String,
}

/// Every cluster and block on record, to read a name a file gives. Names
/// repeat across bodies ("Cụm thi đua số 1" of two provinces): a file
/// tells them apart by its organising body.
pub struct ClusterIndex {
    clusters: Vec<ClusterEntry>,
}

impl ClusterIndex {
    pub fn load(conn: &mut DbConn) -> QueryResult<ClusterIndex> {
        use crate::schema::{clusters, organising_bodies};
        let rows: Vec<(i32, String, String, String, String)> = clusters::table
            .inner_join(organising_bodies::table)
            .select((
                clusters::id,
                clusters::name,
                clusters::kind,
                organising_bodies::name,
                organising_bodies::short_name,
            ))
            .load(conn)?;
        Ok(ClusterIndex {
            clusters: rows
                .into_iter()
                .map(|(id, name, kind, body, short)| ClusterEntry {
                    id,
                    folded: fold_for_search(&name),
                    name,
                    kind,
                    body: (fold_for_search(&body), fold_for_search(&short)),
                    body_name: body,
                })
                .collect(),
        })
    }

    fn entry(&self, id: i32) -> Option<&ClusterEntry> {
        self.clusters.iter().find(|c| c.id == id)
    }

    pub fn has(&self, id: i32) -> bool {
        self.entry(id).is_some()
    }

    /// The cluster's name as written ("Cụm thi đua số 2").
    pub fn name(&self, id: i32) -> String {
        self.entry(id).map_or_else(String::new, |c| c.name.clone())
    }

    /// "cluster", "block", "group".
    pub fn kind(&self, id: i32) -> String {
        self.entry(id).map_or_else(String::new, |c| c.kind.clone())
    }

    /// The cluster `typed` names, of the body `body` names when the file
    /// says (its name or short name); else the message for the cell.
    pub fn resolve(&self, typed: &str, body: &str) -> Result<i32, String> {
        let folded = fold_for_search(typed.trim());
        let body = fold_for_search(body.trim());
        let named: Vec<&ClusterEntry> = self
            .clusters
            .iter()
            .filter(|c| c.folded == folded)
            .collect();
        let within: Vec<&ClusterEntry> = named
            .iter()
            .copied()
            .filter(|c| body.is_empty() || c.body.0 == body || c.body.1 == body)
            .collect();
        match within.as_slice() {
            [one] => Ok(one.id),
            [] if named.is_empty() => Err(format!(
                "Không có cụm, khối “{}” trong hồ sơ.",
                typed.trim()
            )),
            [] => Err(format!(
                "Cơ quan tổ chức không có cụm, khối “{}”; cụm, khối tên này thuộc: {}.",
                typed.trim(),
                named
                    .iter()
                    .map(|c| c.body_name.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            )),
            many => Err(format!(
                "“{}” là tên cụm, khối của nhiều cơ quan ({}); hãy thêm cột Cơ quan tổ chức.",
                typed.trim(),
                many.iter()
                    .map(|c| c.body_name.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            )),
        }
    }

    /// The cluster a sentence names ("Chỉ tiêu — Cụm thi đua số 2 — năm
    /// 2022"): the longest name found as whole words, so "số 2" is not
    /// read in "số 21"; None when that name is shared by several bodies'
    /// clusters and the sentence names none of the bodies.
    pub fn named_in(&self, text: &str) -> Option<i32> {
        let folded = fold_for_search(text);
        let found = |name: &str| {
            !name.is_empty()
                && folded.match_indices(name).any(|(at, m)| {
                    let before = folded[..at].chars().next_back();
                    let after = folded[at + m.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
        };
        let longest = self
            .clusters
            .iter()
            .filter(|c| found(&c.folded))
            .map(|c| c.folded.len())
            .max()?;
        let named: Vec<&ClusterEntry> = self
            .clusters
            .iter()
            .filter(|c| c.folded.len() == longest && found(&c.folded))
            .collect();
        match named.as_slice() {
            [one] => Some(one.id),
            many => {
                let within: Vec<&&ClusterEntry> = many
                    .iter()
                    .filter(|c| found(&c.body.0) || found(&c.body.1))
                    .collect();
                match within.as_slice() {
                    [one] => Some(one.id),
                    _ => None,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_words_and_their_abbreviations_are_read() {
        assert_eq!(
            split_kind("H. Lộc Hà"),
            (Some(&["district"][..]), "loc ha".into())
        );
        assert_eq!(
            split_kind("huyện Lộc Hà"),
            (Some(&["district"][..]), "loc ha".into())
        );
        assert_eq!(split_kind("Loc Ha"), (None, "loc ha".into()));
        assert_eq!(split_kind("TP. Bắc Kạn").1, "bac kan");
        assert_eq!(split_kind("Xã Phú Hựu").1, "phu huu");
        // "Xa" inside a word is not the kind word.
        assert_eq!(split_kind("Xaly").1, "xaly");
    }

    #[test]
    fn kinds_are_read_as_codes_labels_or_words() {
        assert_eq!(kind_code("huyện"), Some("district"));
        assert_eq!(kind_code("Huyện"), Some("district"));
        assert_eq!(kind_code("district"), Some("district"));
        assert_eq!(kind_code("Sở, ban, ngành"), Some("department"));
        assert_eq!(kind_code("Xã"), Some("commune"));
        assert_eq!(kind_code("hành tinh"), None);
    }

    #[test]
    fn a_cluster_is_read_from_a_title_as_whole_words_and_by_its_body() {
        let entry = |id, name: &str, body: &str| ClusterEntry {
            id,
            folded: fold_for_search(name),
            name: name.to_string(),
            kind: "cluster".into(),
            body: (fold_for_search(body), String::new()),
            body_name: body.to_string(),
        };
        let index = ClusterIndex {
            clusters: vec![
                entry(1, "Cụm thi đua số 2", "UBND tỉnh Hà Tĩnh"),
                entry(2, "Cụm thi đua số 21", "UBND tỉnh Hà Tĩnh"),
                entry(3, "Khối các cơ quan Đảng", "UBND tỉnh Hà Tĩnh"),
                entry(4, "Cụm thi đua số 1", "UBND tỉnh Hà Tĩnh"),
                entry(5, "Cụm thi đua số 1", "UBND tỉnh Bắc Kạn"),
            ],
        };
        let title = "Chỉ tiêu, điểm và xếp hạng — Cụm thi đua số 21 — năm 2022";
        assert_eq!(index.named_in(title), Some(2));
        assert_eq!(index.named_in("Cụm thi đua số 2, năm 2022"), Some(1));
        assert_eq!(index.named_in("KHỐI CÁC CƠ QUAN ĐẢNG năm 2020"), Some(3));
        assert_eq!(index.named_in("Cụm thi đua số 3"), None);
        // A name two bodies share is read only with its body.
        assert_eq!(index.named_in("Cụm thi đua số 1 năm 2022"), None);
        assert_eq!(
            index.named_in("UBND tỉnh Bắc Kạn — Cụm thi đua số 1"),
            Some(5)
        );
        assert_eq!(index.resolve("cum thi dua so 2", ""), Ok(1));
        assert!(
            index
                .resolve("Cụm thi đua số 1", "")
                .unwrap_err()
                .contains("nhiều cơ quan")
        );
        assert_eq!(
            index.resolve("Cụm thi đua số 1", "UBND tỉnh Bắc Kạn"),
            Ok(5)
        );
        assert!(
            index
                .resolve("Cụm thi đua số 9", "")
                .unwrap_err()
                .contains("Không có")
        );
    }
}
