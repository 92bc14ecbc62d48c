//! `thidua generate`: a database the size and shape of the whole country
//! (3,505 units in 585 clusters and blocks over 2005–2025), for measuring
//! pages at national scale. Never loaded by `serve`.
//!
//! The same seed and scale give the same rows, byte for byte: every draw
//! comes from the seed through the module's own PRNG, ids are assigned in
//! generation order, and no date comes from the clock.

mod catalogue;
mod names;
mod plan;
mod rng;
mod rows;
mod sink;
mod text;
mod years;

use std::path::Path;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::db::{self, DbConn};
use crate::schema::*;
use sink::Sink;

pub type GenerateError = Box<dyn std::error::Error + Send + Sync>;

/// Row counts of the generated tables, in the order they are printed.
pub struct Summary {
    pub counts: Vec<(&'static str, i64)>,
}

impl Summary {
    pub fn describe(&self) -> String {
        self.counts
            .iter()
            .map(|(table, n)| format!("{table}: {n}"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Refuses a file that holds anything: generating never overwrites data.
fn refuse_existing(path: &Path) -> Result<(), GenerateError> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > 0 => Err(format!(
            "tệp {} đã có dữ liệu; lệnh generate chỉ ghi vào tệp mới hoặc rỗng \
             (refusing to write into a non-empty file)",
            path.display()
        )
        .into()),
        _ => Ok(()),
    }
}

/// Creates `path`, applies the migrations and fills it. On failure the
/// new file is removed, so that a retry is not refused.
pub fn generate(path: &Path, seed: u64, scale: f64) -> Result<Summary, GenerateError> {
    if !(scale > 0.0 && scale <= 1.0) {
        return Err(format!("--scale phải lớn hơn 0 và không quá 1 (got {scale})").into());
    }
    refuse_existing(path)?;
    let result = fill(path, seed, scale);
    if result.is_err() {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let _ = std::fs::remove_file(name);
        }
    }
    result
}

fn fill(path: &Path, seed: u64, scale: f64) -> Result<Summary, GenerateError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut conn = DbConn::establish(&path.to_string_lossy())?;
    // A new file written once: no fsync until the end, a big page cache,
    // and a rollback journal (WAL would write every page twice).
    conn.batch_execute(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = OFF;
         PRAGMA cache_size = -131072;
         PRAGMA temp_store = MEMORY;",
    )?;
    db::migrate(&mut conn)?;
    let mut plan = plan::build(seed, scale);
    // Through db::write, so the data version (and the tallies') moves.
    crate::db::write(&mut conn, |conn| write_all(conn, seed, &mut plan))?;
    // Statistics for the planner, then the settings every server
    // connection uses (WAL is a property of the file).
    conn.batch_execute(
        "ANALYZE;
         PRAGMA synchronous = NORMAL;
         PRAGMA journal_mode = WAL;",
    )?;
    Ok(summary(&mut conn)?)
}

fn write_all(conn: &mut DbConn, seed: u64, plan: &mut plan::Plan) -> QueryResult<()> {
    crate::on_engine!(&mut *conn, |c| diesel::insert_into(
        organising_bodies::table
    )
    .values(&plan.bodies)
    .execute(c))?;
    crate::on_engine!(&mut *conn, |c| diesel::insert_into(award_kinds::table)
        .values(&plan.award_kinds)
        .execute(c))?;
    crate::on_engine!(&mut *conn, |c| diesel::insert_into(indicators::table)
        .values(&plan.indicators)
        .execute(c))?;
    crate::on_engine!(&mut *conn, |c| diesel::insert_into(movements::table)
        .values(&plan.movements)
        .execute(c))?;
    let mut sink = Sink {
        people: std::mem::take(&mut plan.people),
        units: std::mem::take(&mut plan.units),
        ..Sink::default()
    };
    sink.flush(conn)?;
    let mut ids = years::Ids::default();
    for cluster in &plan.clusters {
        years::generate(seed, plan, cluster, &mut ids, &mut sink);
        sink.maybe_flush(conn)?;
    }
    sink.flush(conn)
}

fn summary(conn: &mut DbConn) -> QueryResult<Summary> {
    macro_rules! count {
        ($($table:ident),*) => {
            vec![$((stringify!($table), $table::table.count().get_result::<i64>(conn)?)),*]
        };
    }
    Ok(Summary {
        counts: count!(
            organising_bodies,
            award_kinds,
            units,
            people,
            clusters,
            memberships,
            cluster_years,
            conferences,
            conference_participants,
            covenants,
            indicators,
            indicator_values,
            member_results,
            award_proposals,
            title_counts,
            movements,
            cluster_year_movements
        ),
    })
}
