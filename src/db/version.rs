//! The data version: one row that every write of record data bumps in the
//! same transaction as the write (through `db::write`), so that anything
//! derived from the records — a page's ETag, a cached page — can tell
//! cheaply whether it is still current. Sessions and sign-ins write through
//! `db::write_quiet` and leave it alone: no page shows them, and bumping on
//! each sign-in would throw every cached page away.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use super::DbConn;
use crate::schema::data_version;

/// The version and the time of the write that set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = data_version)]
pub struct DataVersion {
    pub version: i64,
    pub changed_at: NaiveDateTime,
}

/// The current version: a lookup of one row by its key.
pub fn current(conn: &mut DbConn) -> QueryResult<DataVersion> {
    data_version::table
        .find(1)
        .select(DataVersion::as_select())
        .first(conn)
}

/// Moves the version on. It never goes back and follows the clock (in
/// microseconds) when the clock is ahead, so a database restored from an
/// old backup gives its next write a version never seen before. Called
/// inside the write's transaction, whose lock makes read-then-update safe.
pub fn bump(conn: &mut DbConn) -> QueryResult<()> {
    let now = Utc::now();
    let clock = now.timestamp_micros();
    let at = now.naive_utc();
    let previous: Option<i64> = data_version::table
        .find(1)
        .select(data_version::version)
        .first(conn)
        .optional()?;
    match previous {
        Some(previous) => {
            diesel::update(data_version::table.find(1))
                .set((
                    data_version::version.eq(clock.max(previous.saturating_add(1))),
                    data_version::changed_at.eq(at),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(data_version::table)
                .values((
                    data_version::id.eq(1),
                    data_version::version.eq(clock),
                    data_version::changed_at.eq(at),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}
