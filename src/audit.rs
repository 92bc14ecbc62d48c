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

pub fn record(conn: &mut DbConn, entry: Entry<'_>) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(Utc::now().naive_utc()),
            audit_log::user_id.eq(entry.user_id),
            audit_log::user_name.eq(entry.user_name),
            audit_log::address.eq(entry.address),
            audit_log::action.eq(entry.action),
            audit_log::entity.eq(entry.entity),
            audit_log::entity_id.eq(entry.entity_id),
            audit_log::before_json.eq(entry.before.map(|v| v.to_string())),
            audit_log::after_json.eq(entry.after.map(|v| v.to_string())),
            audit_log::note.eq(entry.note),
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

/// The changes to one record, newest first.
pub fn history(conn: &mut DbConn, entity: &str, entity_id: i32) -> QueryResult<Vec<LogRow>> {
    audit_log::table
        .filter(audit_log::entity.eq(entity))
        .filter(audit_log::entity_id.eq(entity_id))
        .order((audit_log::at.desc(), audit_log::id.desc()))
        .select(LogRow::as_select())
        .load(conn)
}

/// The changes to several records of one kind.
pub fn history_of_many(conn: &mut DbConn, entity: &str, ids: &[i32]) -> QueryResult<Vec<LogRow>> {
    audit_log::table
        .filter(audit_log::entity.eq(entity))
        .filter(audit_log::entity_id.eq_any(ids))
        .select(LogRow::as_select())
        .load(conn)
}

/// Failed logins since `since` for a name and for an address.
pub fn recent_failures(
    conn: &mut DbConn,
    user_name: &str,
    address: &str,
    since: NaiveDateTime,
) -> QueryResult<(i64, i64)> {
    let by_name = audit_log::table
        .filter(audit_log::action.eq("login_failed"))
        .filter(audit_log::user_name.eq(user_name))
        .filter(audit_log::at.gt(since))
        .count()
        .get_result(conn)?;
    let by_address = audit_log::table
        .filter(audit_log::action.eq("login_failed"))
        .filter(audit_log::address.eq(address))
        .filter(audit_log::at.gt(since))
        .count()
        .get_result(conn)?;
    Ok((by_name, by_address))
}
