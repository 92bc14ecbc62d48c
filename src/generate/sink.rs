//! Buffers of generated rows, written in batches of multi-row INSERTs.
//!
//! Buffers are flushed all together, parents before children, so every
//! foreign key is checked by SQLite as the rows go in.

use diesel::prelude::*;

use super::rows::*;
use crate::db::DbConn;
use crate::schema::*;

/// SQLite's default limit of bound parameters per statement (since 3.32);
/// a batch stays under it with room to spare.
const MAX_PARAMETERS: usize = 30_000;

/// Rows buffered before everything is written: large enough that most
/// INSERTs carry a full batch, small enough to keep memory flat.
const FLUSH_AT: usize = 40_000;

macro_rules! write_batches {
    ($conn:expr, $table:path, $rows:expr, $columns:expr) => {{
        let per_batch = (MAX_PARAMETERS / $columns).max(1);
        for batch in $rows.chunks(per_batch) {
            crate::on_engine!(&mut *$conn, |c| diesel::insert_into($table)
                .values(batch)
                .execute(c))?;
        }
        $rows.clear();
    }};
}

#[derive(Default)]
pub struct Sink {
    pub people: Vec<Person>,
    pub units: Vec<Unit>,
    pub clusters: Vec<Cluster>,
    pub memberships: Vec<Membership>,
    pub years: Vec<ClusterYear>,
    pub conferences: Vec<Conference>,
    pub participants: Vec<Participant>,
    pub year_movements: Vec<YearMovement>,
    pub covenants: Vec<Covenant>,
    pub values: Vec<IndicatorValue>,
    pub results: Vec<MemberResult>,
    pub proposals: Vec<AwardProposal>,
    pub title_counts: Vec<TitleCount>,
}

impl Sink {
    /// Writes everything buffered once the biggest buffer is full.
    pub fn maybe_flush(&mut self, conn: &mut DbConn) -> QueryResult<()> {
        if self.values.len() >= FLUSH_AT || self.conferences.len() >= FLUSH_AT / 20 {
            self.flush(conn)?;
        }
        Ok(())
    }

    pub fn flush(&mut self, conn: &mut DbConn) -> QueryResult<()> {
        write_batches!(conn, people::table, self.people, 3);
        write_batches!(conn, units::table, self.units, 9);
        write_batches!(conn, clusters::table, self.clusters, 9);
        write_batches!(conn, memberships::table, self.memberships, 8);
        write_batches!(conn, cluster_years::table, self.years, 18);
        write_batches!(conn, conferences::table, self.conferences, 16);
        write_batches!(conn, conference_participants::table, self.participants, 9);
        write_batches!(conn, cluster_year_movements::table, self.year_movements, 5);
        write_batches!(conn, covenants::table, self.covenants, 7);
        write_batches!(conn, indicator_values::table, self.values, 13);
        write_batches!(conn, member_results::table, self.results, 7);
        write_batches!(conn, award_proposals::table, self.proposals, 16);
        write_batches!(conn, title_counts::table, self.title_counts, 8);
        Ok(())
    }
}
