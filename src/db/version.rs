//! The data version: one row that every write of record data bumps in the
//! same transaction as the write (through `db::write`), so that anything
//! derived from the records — a page's ETag, a cached page — can tell
//! cheaply whether it is still current. Sessions and sign-ins write through
//! `db::write_quiet` and leave it alone: no page shows them, and bumping on
//! each sign-in would throw every cached page away.
//!
//! Beside it, the tallies' version: the data version of the last write
//! that changed anything the award tallies count. Triggers (migration
//! 000240) flag such a change in the write's transaction; `bump` moves the
//! tallies' version on and clears the flag. A clerk correcting minutes
//! then leaves a country's tallies counted.

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

/// What the tallies were last counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = data_version)]
pub struct TalliesVersion {
    #[diesel(column_name = tallies_version)]
    pub version: i64,
    /// A change flagged by the triggers and not yet versioned: a write
    /// made outside `db::write`, or one still in progress on this
    /// connection. Nothing may be kept while it is set.
    #[diesel(column_name = tallies_changed)]
    pub pending: bool,
}

/// The tallies' version.
pub fn tallies(conn: &mut DbConn) -> QueryResult<TalliesVersion> {
    data_version::table
        .find(1)
        .select(TalliesVersion::as_select())
        .first(conn)
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
    let previous: Option<(i64, i64, bool)> = data_version::table
        .find(1)
        .select((
            data_version::version,
            data_version::tallies_version,
            data_version::tallies_changed,
        ))
        .first(conn)
        .optional()?;
    match previous {
        Some((previous, tallies, tallies_changed)) => {
            let version = clock.max(previous.saturating_add(1));
            diesel::update(data_version::table.find(1))
                .set((
                    data_version::version.eq(version),
                    data_version::changed_at.eq(at),
                    data_version::tallies_version.eq(if tallies_changed {
                        version
                    } else {
                        tallies
                    }),
                    data_version::tallies_changed.eq(false),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(data_version::table)
                .values((
                    data_version::id.eq(1),
                    data_version::version.eq(clock),
                    data_version::changed_at.eq(at),
                    data_version::tallies_version.eq(clock),
                    data_version::tallies_changed.eq(false),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}
