//! The audit log: logins, refused writes, and every change with the record
//! before and after.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::db::DbConn;
use crate::schema::audit_log;

/// One line of the log. Passwords never reach it.
#[derive(Debug, Default, Clone)]
pub struct Entry<'a> {
    pub user_id: Option<i32>,
    pub user_name: Option<&'a str>,
    pub address: Option<&'a str>,
    pub action: &'a str,
    pub entity: Option<&'a str>,
    pub entity_id: Option<i32>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub note: Option<&'a str>,
}

/// The longest strings a line keeps, in characters: a name is at most 60
/// (the account form's rule), an address at most 45 (IPv6 text); the
/// margin keeps a truncated over-long value recognisable. The record
/// snapshots (before/after) are the data itself and are not cut.
pub const MAX_NAME: usize = 100;
pub const MAX_ADDRESS: usize = 64;
pub const MAX_ENTITY: usize = 64;
pub const MAX_NOTE: usize = 1000;

/// `text` cut to `max` characters (not bytes, so never inside a
/// character), an ellipsis marking the cut.
pub fn bounded(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => text.into(),
        Some(_) => {
            let keep = text
                .char_indices()
                .nth(max.saturating_sub(1))
                .map_or(text.len(), |(i, _)| i);
            format!("{}…", &text[..keep]).into()
        }
    }
}

/// Writes one line; every free-text field is bounded first, so a request
/// cannot make the log grow by more than a few kilobytes.
pub fn record(conn: &mut DbConn, entry: Entry<'_>) -> QueryResult<()> {
    let user_name = entry.user_name.map(|t| bounded(t, MAX_NAME));
    let address = entry.address.map(|t| bounded(t, MAX_ADDRESS));
    let entity = entry.entity.map(|t| bounded(t, MAX_ENTITY));
    let note = entry.note.map(|t| bounded(t, MAX_NOTE));
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(Utc::now().naive_utc()),
            audit_log::user_id.eq(entry.user_id),
            audit_log::user_name.eq(user_name.as_deref()),
            audit_log::address.eq(address.as_deref()),
            audit_log::action.eq(entry.action),
            audit_log::entity.eq(entity.as_deref()),
            audit_log::entity_id.eq(entry.entity_id),
            audit_log::before_json.eq(entry.before.map(|v| v.to_string())),
            audit_log::after_json.eq(entry.after.map(|v| v.to_string())),
            audit_log::note.eq(note.as_deref()),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct LogRow {
    pub id: i32,
    pub at: NaiveDateTime,
    pub user_name: Option<String>,
    pub action: String,
    pub entity: Option<String>,
    pub entity_id: Option<i32>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub note: Option<String>,
}

/// A line of the log without its snapshots: enough to order and page a
/// history before the (possibly large) snapshots of one page are read.
#[derive(Debug, Clone, Queryable)]
pub struct LogKey {
    pub id: i32,
    pub at: NaiveDateTime,
    pub action: String,
}

/// The lines about these records of one kind, unordered.
pub fn keys_of(conn: &mut DbConn, entity: &str, ids: &[i32]) -> QueryResult<Vec<LogKey>> {
    audit_log::table
        .filter(audit_log::entity.eq(entity))
        .filter(audit_log::entity_id.eq_any(ids))
        .select((audit_log::id, audit_log::at, audit_log::action))
        .load(conn)
}

/// Newest first, as histories show them.
pub fn newest_first(keys: &mut [LogKey]) {
    keys.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
}

/// The full lines of these ids, newest first.
pub fn rows_by_id(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<LogRow>> {
    audit_log::table
        .filter(audit_log::id.eq_any(ids))
        .order((audit_log::at.desc(), audit_log::id.desc()))
        .select(LogRow::as_select())
        .load(conn)
}

#[cfg(test)]
mod tests {
    use super::bounded;

    #[test]
    fn bounded_cuts_characters_not_bytes() {
        assert_eq!(bounded("thuky", 10), "thuky");
        assert_eq!(bounded("đđđđđ", 5), "đđđđđ");
        assert_eq!(bounded("đđđđđđ", 5), "đđđđ…");
        assert_eq!(bounded("đđđđđđ", 5).chars().count(), 5);
        assert_eq!(bounded("", 0), "");
    }
}
