//! The database: a pool of SQLite connections with the pragmas every
//! connection needs, the embedded migrations, and the helpers through which
//! handlers reach it without blocking actix's async workers.

pub mod demo;
pub mod failure;
pub mod loader;
pub mod memo;
pub mod version;

use std::path::Path;
use std::time::Duration;

use actix_web::web;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::web::error::AppError;

pub type DbPool = Pool<ConnectionManager<SqliteConnection>>;
pub type DbConn = SqliteConnection;

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// Set on every connection the pool hands out. The busy timeout comes first
/// so that switching to WAL waits for a lock instead of failing. Each
/// connection caches 8 MB of pages (SQLite's default is 2 MB): a page's
/// queries at a country's scale touch more than that, and a pool of a few
/// connections stays well within the server's memory budget.
#[derive(Debug)]
struct ConnectionPragmas;

impl CustomizeConnection<SqliteConnection, diesel::r2d2::Error> for ConnectionPragmas {
    fn on_acquire(&self, conn: &mut SqliteConnection) -> Result<(), diesel::r2d2::Error> {
        conn.batch_execute(
            "PRAGMA busy_timeout = 5000;
             PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA cache_size = -8192;",
        )
        .map_err(diesel::r2d2::Error::QueryError)
    }
}

/// Opens (creating if missing) the database file and builds the pool.
pub fn open_pool(path: &Path, size: u32) -> Result<DbPool, Box<dyn std::error::Error>> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let manager = ConnectionManager::<SqliteConnection>::new(path.to_string_lossy());
    let pool = Pool::builder()
        .max_size(size)
        .connection_timeout(Duration::from_secs(10))
        .connection_customizer(Box::new(ConnectionPragmas))
        .build(manager)?;
    Ok(pool)
}

/// Gives the query planner statistics: a full ANALYZE when the database
/// has none yet (a new file, or one filled by an import or the
/// generator), otherwise SQLite's own `PRAGMA optimize`, which re-analyses
/// only tables whose size changed a lot. Without statistics the planner
/// takes the first index that fits a filter, which at a country's scale
/// means scanning thousands of rows for `status = 'published'`. Run at
/// start-up and then periodically (see `server`).
pub fn optimize(conn: &mut DbConn) -> QueryResult<()> {
    use diesel::sql_types::BigInt;
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let has_stats = diesel::sql_query(
        "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'",
    )
    .get_result::<Count>(conn)?
    .n > 0
        && diesel::sql_query("SELECT COUNT(*) AS n FROM sqlite_stat1")
            .get_result::<Count>(conn)?
            .n
            > 0;
    if has_stats {
        conn.batch_execute("PRAGMA optimize;")
    } else {
        conn.batch_execute("ANALYZE;")
    }
}

/// Applies every migration not yet applied.
pub fn migrate(conn: &mut DbConn) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    conn.run_pending_migrations(MIGRATIONS)?;
    Ok(())
}

/// Runs a read on a blocking thread with a pooled connection.
pub async fn read<T, F>(pool: &web::Data<DbPool>, query: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConn) -> QueryResult<T> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    web::block(move || {
        let mut conn = pool.get()?;
        query(&mut conn).map_err(AppError::from)
    })
    .await?
}

/// Runs writes of record data that belong together in one IMMEDIATE
/// transaction: the write lock is taken at BEGIN, so a concurrent writer
/// waits on the busy timeout instead of failing half-way with "database is
/// locked". The data version is bumped in the same transaction, so pages
/// cached from the old records are never served after the write commits.
///
/// Inside a transaction already, the work joins it (as a savepoint), so a
/// helper that writes atomically on its own can also be part of a larger
/// write.
pub fn write<T, F>(conn: &mut DbConn, work: F) -> QueryResult<T>
where
    F: FnOnce(&mut DbConn) -> QueryResult<T>,
{
    transaction(conn, |conn| {
        let before = total_changes(conn)?;
        let done = work(conn)?;
        // Only a write that changed rows moves the version: a refused or
        // unchanged save leaves every cached page current.
        if total_changes(conn)? != before {
            version::bump(conn)?;
        }
        Ok(done)
    })
}

/// Rows this connection has changed since it opened (SQLite's
/// `total_changes()`; on PostgreSQL, `txid_current_if_assigned() IS NOT
/// NULL` tells the same of a transaction).
fn total_changes(conn: &mut DbConn) -> QueryResult<i64> {
    use diesel::sql_types::BigInt;
    #[derive(QueryableByName)]
    struct Changes {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    Ok(diesel::sql_query("SELECT total_changes() AS n")
        .get_result::<Changes>(conn)?
        .n)
}

/// Like `write`, for writes no published page shows (sessions, sign-in
/// attempts and challenges, accounts, and their audit lines): the data
/// version stays, and cached pages with it.
pub fn write_quiet<T, F>(conn: &mut DbConn, work: F) -> QueryResult<T>
where
    F: FnOnce(&mut DbConn) -> QueryResult<T>,
{
    transaction(conn, work)
}

/// Runs `work` as a write and then rolls it back, returning what it
/// returned: an import's preview runs the very code that would apply it,
/// so what it shows is what applying would do, and nothing stays.
pub fn rehearse<T, F>(conn: &mut DbConn, work: F) -> QueryResult<T>
where
    F: FnOnce(&mut DbConn) -> QueryResult<T>,
{
    let mut outcome = None;
    let result = transaction(conn, |conn| {
        outcome = Some(work(conn)?);
        Err::<(), _>(diesel::result::Error::RollbackTransaction)
    });
    match (result, outcome) {
        (Err(diesel::result::Error::RollbackTransaction), Some(value)) => Ok(value),
        (Err(e), _) => Err(e),
        (Ok(()), _) => unreachable!("the rehearsal always rolls back"),
    }
}

fn transaction<T, F>(conn: &mut DbConn, work: F) -> QueryResult<T>
where
    F: FnOnce(&mut DbConn) -> QueryResult<T>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    let nested = AnsiTransactionManager::transaction_manager_status_mut(conn)
        .transaction_depth()
        .ok()
        .flatten()
        .is_some();
    if nested {
        conn.transaction(work)
    } else {
        let _turn = writers::turn();
        conn.immediate_transaction(work)
    }
}

/// Writers of this process take turns before they ask SQLite for the
/// write lock. SQLite lets one writer in at a time and has the others
/// sleep and retry (1, 2, 5, 10, 20, 25, 50, 100 ms…): four clerks saving
/// at once waited up to 73 ms for locks held 3 ms. Here a writer waits on
/// a condition variable and goes in the moment the one before it is done.
/// Another process writing the same file (the CLI) still meets SQLite's
/// busy timeout. One queue for every database the process opens (tests
/// open many): writes are short, and a queue per file would cost a
/// lookup of the file on every write.
mod writers {
    use std::sync::{Condvar, Mutex};
    use std::time::{Duration, Instant};

    /// Beyond this wait a writer goes ahead and leaves it to SQLite's
    /// busy timeout, so that a stuck turn can never hang the server.
    const MAX_WAIT: Duration = Duration::from_secs(5);

    static WRITING: Mutex<bool> = Mutex::new(false);
    static DONE: Condvar = Condvar::new();

    /// A writer's turn, ended when dropped.
    pub struct Turn(bool);

    pub fn turn() -> Turn {
        // A poisoned lock only means a writer panicked; the flag is intact.
        let mut writing = WRITING.lock().unwrap_or_else(|e| e.into_inner());
        let deadline = Instant::now() + MAX_WAIT;
        while *writing {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Turn(false);
            }
            writing = DONE
                .wait_timeout(writing, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        *writing = true;
        Turn(true)
    }

    impl Drop for Turn {
        fn drop(&mut self) {
            if self.0 {
                *WRITING.lock().unwrap_or_else(|e| e.into_inner()) = false;
                DONE.notify_one();
            }
        }
    }
}

// Tests only: an unwrap that fails is the test failing, never a request.
#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[test]
    fn a_writer_waits_for_the_turn_of_the_one_before() {
        let first = super::writers::turn();
        let released = Arc::new(AtomicBool::new(false));
        let second = {
            let released = released.clone();
            std::thread::spawn(move || {
                let _turn = super::writers::turn();
                released.load(Ordering::SeqCst)
            })
        };
        std::thread::sleep(std::time::Duration::from_millis(50));
        released.store(true, Ordering::SeqCst);
        drop(first);
        assert!(
            second.join().unwrap(),
            "the second writer went in before the first was done"
        );
    }
}
