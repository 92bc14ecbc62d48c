//! What changed between the before and after of a logged save, in words a
//! clerk reads: names instead of ids, Vietnamese labels instead of codes,
//! blank spare rows ignored, and the meeting's fields only when there was
//! a meeting.

use std::collections::HashMap;

use diesel::prelude::*;
use serde_json::{Map, Value};

use super::validate::SELECTIONS;
use crate::audit::LogRow;
use crate::db::DbConn;
use crate::domain::labels;
use crate::lookups::Names;
use crate::schema::{award_kinds, organising_bodies};

pub struct Change {
    pub field: String,
    pub before: String,
    pub after: String,
    /// For a list: what was added, removed or edited, in one phrase
    /// ("thêm Nguyễn Văn A; bỏ Trần Thị B"); `before` and `after` are then
    /// empty.
    pub words: String,
}

/// Form fields that hold a unit's id.
const UNIT_FIELDS: &[&str] = &[
    "chair_unit",
    "vice_unit",
    "next_chair",
    "next_vice",
    "conf_host",
    "parent",
    "successor",
];

/// Fields of the meeting: a change to them is shown only when a meeting
/// was on record before or after the save.
const CONFERENCE_FIELDS: &[&str] = &[
    "conf_kind",
    "conf_title",
    "conf_date",
    "conf_part",
    "conf_locality",
    "conf_venue",
    "conf_host",
    "members_present",
    "minutes",
    "participants",
];

/// Row fields that hold a choice with a default, which does not make a
/// spare row filled in.
const DEFAULTED: &[&str] = &["role", "qualifier", "unanimous", "recipient"];

/// The names and labels every event on a page needs, loaded once.
pub struct Reader {
    names: Names,
    award_kinds: HashMap<i32, String>,
    bodies: HashMap<i32, String>,
    /// The kind of the cluster whose year this is ("block" → "Khối trưởng").
    cluster_kind: String,
}

fn parse(text: &Option<String>) -> Map<String, Value> {
    text.as_deref()
        .and_then(|t| serde_json::from_str::<Value>(t).ok())
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default()
}

fn id_of(value: &Value) -> Option<i32> {
    match value {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_i64().and_then(|n| i32::try_from(n).ok()),
        _ => None,
    }
}

fn text_of(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(_)) | Some(Value::Number(_)) => String::new(),
        Some(other) => other.to_string(),
    }
}

/// Whether a value holds nothing typed: empty text, ids alone (the member
/// a row is for), defaulted choices.
fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(_) | Value::Number(_) => true,
        Value::String(s) => s.is_empty(),
        Value::Array(items) => items.iter().all(is_blank),
        Value::Object(fields) => fields
            .iter()
            .all(|(k, v)| DEFAULTED.contains(&k.as_str()) || is_blank(v)),
    }
}

/// The value without blank rows, so that spare rows are no change.
fn without_blank_rows(value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .filter(|v| !is_blank(v))
                .map(without_blank_rows)
                .collect(),
        ),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), without_blank_rows(v)))
                .collect(),
        ),
        Value::Null => Value::String(String::new()),
        other => other.clone(),
    }
}

fn short(text: String) -> String {
    if text.chars().count() > 160 {
        format!("{}…", text.chars().take(160).collect::<String>())
    } else {
        text
    }
}

/// Whether the snapshot of a year's form had a meeting.
fn has_conference(form: &Map<String, Value>) -> bool {
    ["conference_id", "conf_date"]
        .iter()
        .any(|k| !text_of(form.get(*k)).is_empty())
}

/// What a save of a year's form changes: the fields whose values differ
/// (blank spare rows dropped, the meeting's fields only when there is a
/// meeting), each side holding only those, plus `conference_id` and
/// `version` to say which meeting and record it was. None when nothing
/// changes: the save then writes nothing at all.
pub fn changed_fields(before: &Value, after: &Value) -> Option<(Value, Value)> {
    let (Some(b), Some(a)) = (before.as_object(), after.as_object()) else {
        return (before != after).then(|| (before.clone(), after.clone()));
    };
    let meeting = has_conference(b) || has_conference(a);
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    let blank = Value::String(String::new());
    let (mut was, mut is) = (Map::new(), Map::new());
    for key in keys {
        if matches!(key.as_str(), "version" | "csrf" | "conference_id")
            || (!meeting && CONFERENCE_FIELDS.contains(&key.as_str()))
        {
            continue;
        }
        // Equal as sent is equal without blank rows: most fields of a save
        // are unchanged, and filtering copies the whole value.
        if b.get(key) == a.get(key) {
            continue;
        }
        let old = b.get(key).map_or(blank.clone(), without_blank_rows);
        let new = a.get(key).map_or(blank.clone(), without_blank_rows);
        if old != new {
            was.insert(key.clone(), old);
            is.insert(key.clone(), new);
        }
    }
    if was.is_empty() {
        return None;
    }
    for key in ["conference_id", "version"] {
        if let Some(v) = b.get(key) {
            was.insert(key.into(), v.clone());
        }
        if let Some(v) = a.get(key) {
            is.insert(key.into(), v.clone());
        }
    }
    Some((Value::Object(was), Value::Object(is)))
}

impl Reader {
    /// Loads, in one query per kind of record, every name the rows name.
    pub fn load(conn: &mut DbConn, rows: &[LogRow], cluster_kind: &str) -> QueryResult<Self> {
        let mut units: Vec<i32> = Vec::new();
        let mut kinds: Vec<i32> = Vec::new();
        let mut bodies: Vec<i32> = Vec::new();
        for row in rows {
            for form in [parse(&row.before_json), parse(&row.after_json)] {
                for key in UNIT_FIELDS {
                    units.extend(form.get(*key).and_then(id_of));
                }
                bodies.extend(form.get("body").and_then(id_of));
                let rows_of = |key: &str| -> Vec<Value> {
                    form.get(key)
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default()
                };
                for row in rows_of("awards") {
                    units.extend(row.get("unit").and_then(id_of));
                    kinds.extend(row.get("kind").and_then(id_of));
                }
                for row in rows_of("participants") {
                    units.extend(row.get("unit").and_then(id_of));
                }
                for row in rows_of("results") {
                    units.extend(row.get(0).and_then(id_of));
                }
                for block in rows_of("indicators") {
                    for member in block
                        .get("members")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        units.extend(member.get(0).and_then(id_of));
                    }
                }
            }
        }
        kinds.sort_unstable();
        kinds.dedup();
        bodies.sort_unstable();
        bodies.dedup();
        let names = Names::load(conn, units.into_iter().map(Some), [])?;
        let award_kinds = if kinds.is_empty() {
            HashMap::new()
        } else {
            award_kinds::table
                .filter(award_kinds::id.eq_any(&kinds))
                .select((award_kinds::id, award_kinds::name))
                .load::<(i32, String)>(conn)?
                .into_iter()
                .collect()
        };
        let bodies = if bodies.is_empty() {
            HashMap::new()
        } else {
            organising_bodies::table
                .filter(organising_bodies::id.eq_any(&bodies))
                .select((organising_bodies::id, organising_bodies::name))
                .load::<(i32, String)>(conn)?
                .into_iter()
                .collect()
        };
        Ok(Reader {
            names,
            award_kinds,
            bodies,
            cluster_kind: cluster_kind.to_string(),
        })
    }

    fn unit(&self, value: Option<&Value>) -> String {
        match value.and_then(id_of) {
            Some(id) => match self.names.unit_name(id) {
                name if name.is_empty() => "(đơn vị không còn trong danh mục)".to_string(),
                name => name,
            },
            None => String::new(),
        }
    }

    fn award_kind(&self, value: Option<&Value>) -> String {
        value
            .and_then(id_of)
            .map(|id| {
                self.award_kinds
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| "(hình thức không còn trong danh mục)".to_string())
            })
            .unwrap_or_default()
    }

    /// Field names of the saved forms, as a clerk knows them.
    fn field_label(&self, entity: &str, key: &str) -> String {
        let chair = labels::chair_title(&self.cluster_kind);
        let vice = labels::vice_chair_title(&self.cluster_kind);
        let fixed = match key {
            "status" => "Trạng thái",
            "theme" => "Chủ đề thi đua",
            "summary" => "Kết quả nổi bật",
            "directions" => "Phương hướng",
            "conf_kind" => "Loại hội nghị",
            "conf_title" => "Tên hội nghị",
            "conf_date" => "Ngày họp",
            "conf_part" => "Buổi",
            "conf_locality" => "Địa danh",
            "conf_venue" => "Địa điểm",
            "conf_host" => "Đơn vị đăng cai",
            "members_present" => "Số đơn vị có mặt",
            "minutes" => "Biên bản",
            "participants" => "Đại biểu",
            "movements" => "Phong trào",
            "chair_unit" => chair,
            "chair_person" => return format!("Người đại diện {chair}"),
            "chair_title" => return format!("Chức vụ người đại diện {chair}"),
            "vice_unit" => vice,
            "vice_person" => return format!("Người đại diện {vice}"),
            "vice_title" => return format!("Chức vụ người đại diện {vice}"),
            "indicators" => "Chỉ tiêu",
            "results" => "Chấm điểm, xếp hạng",
            "awards" => "Đề nghị khen thưởng",
            "next_chair" => return format!("{chair} năm sau"),
            "next_vice" => return format!("{vice} năm sau"),
            "next_selection" => return format!("Hình thức chọn {chair} năm sau"),
            "next_decision_number" => return format!("Quyết định công nhận {chair} năm sau"),
            "next_decision_date" => "Ngày quyết định công nhận",
            "cov_date" => "Ngày ký giao ước",
            "cov_place" => "Nơi ký giao ước",
            "cov_content" => "Nội dung giao ước",
            "decision_number" => "Số quyết định",
            "decision_date" => "Ngày quyết định",
            "decided_by" => "Cơ quan quyết định",
            "note" => "Ghi chú",
            "name" => "Tên",
            "short_name" => "Tên ngắn",
            "kind" if entity == "unit" => "Loại đơn vị",
            "kind" => "Loại",
            "parent" => "Thuộc đơn vị",
            "valid_from" => "Tồn tại từ",
            "valid_to" => "Đến",
            "successor" => "Đơn vị kế thừa",
            "body" => "Cơ quan tổ chức",
            "first_year" => "Năm bắt đầu",
            "last_year" => "Năm kết thúc",
            "member_count" => "Số thành viên",
            "description" => "Mô tả",
            _ => "Mục khác",
        };
        fixed.to_string()
    }

    /// A single value as words: a name for an id, a label for a code.
    fn scalar(&self, entity: &str, key: &str, value: Option<&Value>) -> String {
        let code = text_of(value);
        let label: Option<&str> = match (entity, key) {
            ("award_proposal", "status") => Some(labels::award_status_label(&code)),
            (_, "status") => Some(labels::record_status_label(&code)),
            (_, "conf_kind") => Some(labels::conference_kind_label(&code)),
            (_, "conf_part") => Some(labels::part_of_day_label(&code)),
            (_, "next_selection") => SELECTIONS
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, label)| *label)
                .filter(|l| *l != "—"),
            ("unit", "kind") => Some(labels::unit_kind_label(&code)),
            ("cluster", "kind") => Some(labels::cluster_kind_label(&code)),
            _ => None,
        };
        if code.is_empty() {
            return String::new();
        }
        if let Some(label) = label {
            return label.to_string();
        }
        if UNIT_FIELDS.contains(&key) {
            return self.unit(value);
        }
        if key == "body" {
            return value
                .and_then(id_of)
                .and_then(|id| self.bodies.get(&id).cloned())
                .unwrap_or_else(|| "(cơ quan không còn trong danh mục)".to_string());
        }
        short(code)
    }

    /// A row of a list, named the way a clerk would name it, with the
    /// whole row to tell an edited row from an unchanged one.
    fn row_name(&self, key: &str, row: &Value) -> String {
        let field = |k: &str| text_of(row.get(k));
        match key {
            "participants" => {
                let name = [field("name"), field("title"), field("organisation")]
                    .into_iter()
                    .find(|t| !t.is_empty())
                    .unwrap_or_else(|| self.unit(row.get("unit")));
                short(name)
            }
            "movements" => short(field("name")),
            "indicators" => short(field("name")),
            "results" => self.unit(row.get(0)),
            "awards" => {
                let kind = self.award_kind(row.get("kind"));
                match self.unit(row.get("unit")) {
                    unit if kind.is_empty() => unit,
                    unit => format!("{unit} ({kind})"),
                }
            }
            _ => String::new(),
        }
    }

    /// "thêm A; bỏ B; sửa C", or empty when the lists hold the same rows.
    fn list_words(&self, key: &str, before: &Value, after: &Value) -> String {
        let rows = |v: &Value| -> Vec<(String, Value)> {
            match without_blank_rows(v) {
                Value::Array(items) => items
                    .into_iter()
                    .map(|row| (self.row_name(key, &row), row))
                    .collect(),
                _ => Vec::new(),
            }
        };
        let (before, after) = (rows(before), rows(after));
        if before.iter().map(|r| &r.1).eq(after.iter().map(|r| &r.1)) {
            return String::new();
        }
        let named = |rows: &[(String, Value)], name: &str| rows.iter().any(|r| r.0 == name);
        let added: Vec<&str> = after
            .iter()
            .filter(|r| !named(&before, &r.0))
            .map(|r| r.0.as_str())
            .collect();
        let removed: Vec<&str> = before
            .iter()
            .filter(|r| !named(&after, &r.0))
            .map(|r| r.0.as_str())
            .collect();
        let edited: Vec<&str> = after
            .iter()
            .filter(|r| {
                before
                    .iter()
                    .find(|b| b.0 == r.0)
                    .is_some_and(|b| b.1 != r.1)
            })
            .map(|r| r.0.as_str())
            .collect();
        let mut parts = Vec::new();
        for (verb, names) in [("thêm", added), ("bỏ", removed), ("sửa", edited)] {
            if !names.is_empty() {
                parts.push(format!("{verb} {}", names.join(", ")));
            }
        }
        if parts.is_empty() {
            // Same rows in another order.
            parts.push("đổi thứ tự".to_string());
        }
        parts.join("; ")
    }

    /// The fields that really changed in one logged save.
    pub fn changes(&self, row: &LogRow) -> Vec<Change> {
        let entity = row.entity.as_deref().unwrap_or("");
        let (before, after) = (parse(&row.before_json), parse(&row.after_json));
        let meeting = has_conference(&before) || has_conference(&after);
        let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
        keys.sort();
        keys.dedup();
        let null = Value::Null;
        keys.into_iter()
            .filter(|k| !matches!(k.as_str(), "version" | "csrf" | "conference_id"))
            .filter(|k| {
                entity != "cluster_year" || meeting || !CONFERENCE_FIELDS.contains(&k.as_str())
            })
            .filter_map(|k| {
                let (b, a) = (before.get(k), after.get(k));
                let field = self.field_label(entity, k);
                let is_list = |v: Option<&Value>| v.is_some_and(Value::is_array);
                if is_list(b) || is_list(a) {
                    let words = self.list_words(k, b.unwrap_or(&null), a.unwrap_or(&null));
                    return (!words.is_empty()).then(|| Change {
                        field,
                        before: String::new(),
                        after: String::new(),
                        words,
                    });
                }
                let (b, a) = (self.scalar(entity, k, b), self.scalar(entity, k, a));
                (b != a).then(|| Change {
                    field,
                    before: b,
                    after: a,
                    words: String::new(),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_changed_fields_are_kept_and_no_change_is_none() {
        let before = json!({"version": "3", "conference_id": "7", "conf_date": "07/02/2023",
            "theme": "A", "minutes": "dài", "participants": [{"name": "X", "role": "guest"}]});
        let same = json!({"version": "3", "conference_id": "7", "conf_date": "07/02/2023",
            "theme": "A", "minutes": "dài", "csrf": "t",
            "participants": [{"name": "X", "role": "guest"}, {"name": "", "role": "guest"}]});
        assert_eq!(changed_fields(&before, &same), None);
        let mut other = same.clone();
        other["theme"] = json!("B");
        let (was, is) = changed_fields(&before, &other).unwrap();
        assert_eq!(
            was,
            json!({"theme": "A", "conference_id": "7", "version": "3"})
        );
        assert_eq!(
            is,
            json!({"theme": "B", "conference_id": "7", "version": "3"})
        );
    }

    #[test]
    fn a_suggested_kind_without_a_meeting_is_no_change() {
        let before = json!({"conference_id": "", "conf_kind": "", "theme": "A"});
        let after = json!({"conference_id": "", "conf_kind": "year_end_summary", "theme": "A"});
        assert_eq!(changed_fields(&before, &after), None);
    }

    #[test]
    fn spare_rows_are_blank() {
        assert!(is_blank(&json!({"role": "guest", "name": "", "unit": ""})));
        assert!(is_blank(&json!([7, {"score": "", "rank": ""}])));
        assert!(!is_blank(&json!({"role": "guest", "name": "Nguyễn Văn A"})));
        assert_eq!(
            without_blank_rows(&json!([{"name": "A"}, {"name": ""}])),
            json!([{"name": "A"}])
        );
    }

    #[test]
    fn a_meeting_is_on_record_when_dated_or_saved() {
        assert!(!has_conference(&Map::new()));
        let dated = json!({"conf_date": "06/01/2023"});
        assert!(has_conference(dated.as_object().unwrap_or(&Map::new())));
    }
}
