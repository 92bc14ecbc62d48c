//! An organising body's own counts of titles for a year: the form's rows,
//! their checks, and the save (all rows of the year replaced at once).

use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::audit::{self, Entry};
use crate::db::{self, DbConn};
use crate::editor::form::Fields;
use crate::editor::validate::RECIPIENTS;
use crate::schema::body_title_counts;

/// Rows the form shows beyond those already entered.
pub const SPARE_ROWS: usize = 3;
/// More rows than any board reports in a year: a body beyond it is refused.
pub const MAX_ROWS: usize = 200;
const MAX_TEXT: usize = 300;

/// One row as typed.
#[derive(Debug, Clone, Default, serde::Serialize, PartialEq)]
pub struct Row {
    pub title: String,
    /// "individual" or "collective".
    pub recipient: String,
    pub count: String,
    pub note: String,
}

impl Row {
    pub fn is_blank(&self) -> bool {
        self.title.is_empty() && self.count.is_empty() && self.note.is_empty()
    }
}

/// One row once checked.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Count {
    pub title: String,
    pub recipient: String,
    pub count: i32,
    pub note: Option<String>,
}

pub type Errors = std::collections::BTreeMap<String, String>;

/// The rows of `tc{i}_…` fields, in order, up to the last one sent.
pub fn read_rows(fields: &Fields) -> Vec<Row> {
    let mut rows = Vec::new();
    for i in 0..MAX_ROWS + SPARE_ROWS + 1 {
        let key = |f: &str| format!("tc{i}_{f}");
        if !fields.has(&key("title")) && !fields.has(&key("count")) {
            break;
        }
        rows.push(Row {
            title: fields.get(&key("title")),
            recipient: fields.get(&key("recipient")),
            count: fields.get(&key("count")),
            note: fields.get(&key("note")),
        });
    }
    rows
}

/// Checks every row; a refused row keeps its place, so the form shows
/// the message beside what was typed.
pub fn check(rows: &[Row], fields: &Fields) -> Result<Vec<Count>, Errors> {
    let mut errors = Errors::new();
    for (key, message) in fields.refused() {
        errors.insert(key.clone(), message.clone());
    }
    let filled: Vec<(usize, &Row)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_blank())
        .collect();
    if filled.len() > MAX_ROWS {
        errors.insert(
            "rows".into(),
            format!("Quá nhiều dòng: tối đa {MAX_ROWS} dòng cho một năm."),
        );
    }
    let mut counts = Vec::new();
    for (i, row) in filled {
        let key = |f: &str| format!("tc{i}_{f}");
        if row.title.is_empty() {
            errors.insert(
                key("title"),
                "Nhập danh hiệu hoặc hình thức khen thưởng.".into(),
            );
        }
        for (field, value) in [("title", &row.title), ("note", &row.note)] {
            if value.chars().count() > MAX_TEXT {
                errors.insert(key(field), format!("Quá dài: tối đa {MAX_TEXT} ký tự."));
            }
        }
        if !RECIPIENTS.iter().any(|(code, _)| *code == row.recipient) {
            errors.insert(key("recipient"), "Chọn cá nhân hoặc tập thể.".into());
        }
        let count = if row.count.is_empty() {
            errors.insert(key("count"), "Nhập số lượng.".into());
            None
        } else {
            crate::titles::parse_count(&row.count)
                .map_err(|m| errors.insert(key("count"), m))
                .ok()
        };
        if let Some(count) = count {
            counts.push(Count {
                title: row.title.clone(),
                recipient: row.recipient.clone(),
                count,
                note: (!row.note.is_empty()).then(|| row.note.clone()),
            });
        }
    }
    if errors.is_empty() {
        Ok(counts)
    } else {
        Err(errors)
    }
}

/// The rows of a body's year as stored, for the form.
pub fn stored(conn: &mut DbConn, body_id: i32, year: i32) -> QueryResult<Vec<Count>> {
    let rows: Vec<(String, String, i32, Option<String>)> = body_title_counts::table
        .filter(body_title_counts::organising_body_id.eq(body_id))
        .filter(body_title_counts::year.eq(year))
        .order((body_title_counts::sort_order, body_title_counts::id))
        .select((
            body_title_counts::title,
            body_title_counts::recipient,
            body_title_counts::count,
            body_title_counts::note,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(title, recipient, count, note)| Count {
            title,
            recipient,
            count,
            note,
        })
        .collect())
}

/// A fingerprint of the stored rows: the form carries it, and a save
/// whose rows changed meanwhile is refused rather than overwriting them.
pub fn fingerprint(counts: &[Count]) -> String {
    let json = serde_json::to_string(counts).unwrap_or_default();
    let digest = Sha256::digest(json.as_bytes());
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

/// The stored rows as the form shows them: counts written the Vietnamese
/// way, then the spare rows.
pub fn as_rows(counts: &[Count]) -> Vec<Row> {
    let mut rows: Vec<Row> = counts
        .iter()
        .map(|c| Row {
            title: c.title.clone(),
            recipient: c.recipient.clone(),
            count: crate::domain::number::count(i64::from(c.count)),
            note: c.note.clone().unwrap_or_default(),
        })
        .collect();
    pad(&mut rows);
    rows
}

/// Blank rows dropped, spare rows added at the end.
pub fn pad(rows: &mut Vec<Row>) {
    rows.retain(|r| !r.is_blank());
    for _ in 0..SPARE_ROWS {
        rows.push(Row {
            recipient: "individual".into(),
            ..Row::default()
        });
    }
}

pub enum SaveError {
    /// Someone saved the year's counts since the form was shown.
    Stale,
    Database(diesel::result::Error),
}

impl From<diesel::result::Error> for SaveError {
    fn from(e: diesel::result::Error) -> Self {
        SaveError::Database(e)
    }
}

pub struct Author<'a> {
    pub user_id: i32,
    pub user_name: &'a str,
    pub address: &'a str,
}

/// Replaces the body's counts of `year` with `counts`, in one
/// transaction, and logs the change. Nothing is written (nor logged)
/// when the rows are unchanged.
pub fn save(
    conn: &mut DbConn,
    body_id: i32,
    year: i32,
    seen: &str,
    counts: &[Count],
    author: &Author<'_>,
) -> Result<bool, SaveError> {
    let mut stale = false;
    let outcome = db::write(conn, |conn| {
        let before = stored(conn, body_id, year)?;
        if fingerprint(&before) != seen {
            stale = true;
            return Err(diesel::result::Error::RollbackTransaction);
        }
        if fingerprint(&before) == fingerprint(counts) {
            return Ok(false);
        }
        diesel::delete(
            body_title_counts::table
                .filter(body_title_counts::organising_body_id.eq(body_id))
                .filter(body_title_counts::year.eq(year)),
        )
        .execute(conn)?;
        let values: Vec<_> = counts
            .iter()
            .enumerate()
            .map(|(order, c)| {
                (
                    body_title_counts::organising_body_id.eq(body_id),
                    body_title_counts::year.eq(year),
                    body_title_counts::title.eq(&c.title),
                    body_title_counts::recipient.eq(&c.recipient),
                    body_title_counts::count.eq(c.count),
                    body_title_counts::note.eq(&c.note),
                    body_title_counts::sort_order.eq(order as i32),
                )
            })
            .collect();
        crate::on_engine!(&mut *conn, |c| diesel::insert_into(
            body_title_counts::table
        )
        .values(&values)
        .execute(c))?;
        let note = format!("Số lượng danh hiệu năm {year}");
        audit::record(
            conn,
            Entry {
                user_id: Some(author.user_id),
                user_name: Some(author.user_name),
                address: Some(author.address),
                action: "update",
                entity: Some("organising_body"),
                entity_id: Some(body_id),
                before: Some(serde_json::json!({ "year": year, "title_counts": before })),
                after: Some(serde_json::json!({ "year": year, "title_counts": counts })),
                note: Some(&note),
            },
        )?;
        Ok(true)
    });
    match outcome {
        Err(diesel::result::Error::RollbackTransaction) if stale => Err(SaveError::Stale),
        other => Ok(other?),
    }
}
