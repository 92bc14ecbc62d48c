//! The database: a pool of connections to SQLite or PostgreSQL with the
//! settings every connection needs, each engine's embedded migrations, and
//! the helpers through which handlers reach it without blocking actix's
//! async workers.

pub mod demo;
pub mod failure;
pub mod loader;
pub mod location;
pub mod memo;
pub mod version;

pub use location::Location;

use std::path::Path;
use std::time::Duration;

use actix_web::web;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{CustomizeConnection, Pool};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::web::error::AppError;

/// A connection to either engine: a file path opens SQLite, a
/// `postgres://` URL PostgreSQL. Queries are written once against it.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

pub type DbPool = Pool<Manager>;
pub type DbConn = AnyConnection;

/// The backend queries are built for, either engine's at run time.
pub type Backend = <DbConn as diesel::Connection>::Backend;

/// Runs the same diesel code on whichever engine `conn` holds. For the few
/// statements the two-engine connection cannot state itself (a batch
/// insert of many rows, an engine's own way to begin a transaction): the
/// code is written once and compiled for each engine.
#[macro_export]
macro_rules! on_engine {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::AnyConnection::Sqlite($c) => $body,
            $crate::db::AnyConnection::Postgresql($c) => $body,
        }
    };
}

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");
/// The same schema on PostgreSQL (see migrations_pg/'s baseline).
pub const PG_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations_pg");

/// Whether a migration of the connection's engine is not yet applied.
pub fn has_pending_migration(conn: &mut DbConn) -> diesel::migration::Result<bool> {
    match conn {
        AnyConnection::Sqlite(c) => c.has_pending_migration(MIGRATIONS),
        AnyConnection::Postgresql(c) => c.has_pending_migration(PG_MIGRATIONS),
    }
}

/// Opens the pool's connections on the engine its location names.
#[derive(Debug)]
pub struct Manager {
    location: Location,
}

impl diesel::r2d2::ManageConnection for Manager {
    type Connection = AnyConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<AnyConnection, Self::Error> {
        let connection = match &self.location {
            Location::Sqlite(path) => diesel::SqliteConnection::establish(&path.to_string_lossy())
                .map(AnyConnection::Sqlite),
            Location::Postgres(url) => {
                diesel::PgConnection::establish(url).map(AnyConnection::Postgresql)
            }
        };
        connection.map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), Self::Error> {
        use diesel::r2d2::R2D2Connection;
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut AnyConnection) -> bool {
        use diesel::r2d2::R2D2Connection;
        std::thread::panicking() || conn.is_broken()
    }
}

/// Set on every connection the pool hands out. On SQLite the busy timeout
/// comes first so that switching to WAL waits for a lock instead of
/// failing; each connection caches 8 MB of pages (SQLite's default is
/// 2 MB): a page's queries at a country's scale touch more than that, and
/// a pool of a few connections stays well within the server's memory
/// budget. PostgreSQL is set up by its server; each session only reads
/// and writes in UTC, as SQLite does.
#[derive(Debug)]
struct ConnectionSettings;

impl CustomizeConnection<AnyConnection, diesel::r2d2::Error> for ConnectionSettings {
    fn on_acquire(&self, conn: &mut AnyConnection) -> Result<(), diesel::r2d2::Error> {
        let settings = match conn {
            AnyConnection::Sqlite(_) => {
                "PRAGMA busy_timeout = 5000;
                 PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = ON;
                 PRAGMA cache_size = -8192;"
            }
            AnyConnection::Postgresql(_) => "SET TIME ZONE 'UTC';",
        };
        conn.batch_execute(settings)
            .map_err(diesel::r2d2::Error::QueryError)
    }
}

/// Opens (creating if missing) the database file and builds the pool.
pub fn open_pool(path: &Path, size: u32) -> Result<DbPool, Box<dyn std::error::Error>> {
    open_location(&Location::Sqlite(path.to_path_buf()), size)
}

/// Builds the pool for either engine (a SQLite file's folder is made).
pub fn open_location(location: &Location, size: u32) -> Result<DbPool, Box<dyn std::error::Error>> {
    if let Location::Sqlite(path) = location
        && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir)?;
    }
    let pool = Pool::builder()
        .max_size(size)
        .connection_timeout(Duration::from_secs(10))
        .connection_customizer(Box::new(ConnectionSettings))
        .build(Manager {
            location: location.clone(),
        })?;
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
    if let AnyConnection::Postgresql(c) = conn {
        // PostgreSQL's autovacuum keeps statistics; a new or bulk-filled
        // database gets them at once.
        return c.batch_execute("ANALYZE;");
    }
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
    match conn {
        AnyConnection::Sqlite(c) => c.run_pending_migrations(MIGRATIONS).map(drop)?,
        AnyConnection::Postgresql(c) => c.run_pending_migrations(PG_MIGRATIONS).map(drop)?,
    }
    Ok(())
}

/// Runs reads that must agree with each other (a page's data and the
/// version it is kept under) in one snapshot: a transaction on SQLite,
/// REPEATABLE READ on PostgreSQL, whose default isolation gives each
/// statement a snapshot of its own. Inside a transaction the reads join it.
pub fn snapshot<T, F>(conn: &mut DbConn, work: F) -> QueryResult<T>
where
    F: FnOnce(&mut DbConn) -> QueryResult<T>,
{
    begun(conn, "BEGIN", "BEGIN ISOLATION LEVEL REPEATABLE READ", work)
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
    let query = match conn {
        AnyConnection::Sqlite(_) => "SELECT total_changes() AS n",
        // Whether this transaction has written at all: enough for `write`,
        // which asks before and after its work.
        AnyConnection::Postgresql(_) => {
            "SELECT CASE WHEN txid_current_if_assigned() IS NULL THEN 0 ELSE 1 END::BIGINT AS n"
        }
    };
    Ok(diesel::sql_query(query).get_result::<Changes>(conn)?.n)
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
    if in_transaction(conn) {
        return conn.transaction(work);
    }
    let _turn = writers::turn();
    // SQLite takes its write lock at BEGIN IMMEDIATE. PostgreSQL takes a
    // lock of the transaction that every writer takes first, so that on
    // both engines writers of record data go one at a time, whichever
    // server they run on, and a stale form's version check reads what the
    // writer before it committed.
    begun(
        conn,
        "BEGIN IMMEDIATE",
        "BEGIN; SELECT pg_advisory_xact_lock(7414);",
        work,
    )
}

fn in_transaction(conn: &mut DbConn) -> bool {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    on_engine!(&mut *conn, |c| {
        AnsiTransactionManager::transaction_manager_status_mut(c)
            .transaction_depth()
            .ok()
            .flatten()
            .is_some()
    })
}

/// `work` in a transaction begun by the engine's statement, committed if
/// it succeeds and rolled back if not; inside a transaction already, a
/// savepoint of it.
fn begun<T, F>(conn: &mut DbConn, sqlite: &str, postgres: &str, work: F) -> QueryResult<T>
where
    F: FnOnce(&mut DbConn) -> QueryResult<T>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    if in_transaction(conn) {
        return conn.transaction(work);
    }
    match &mut *conn {
        AnyConnection::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, sqlite),
        AnyConnection::Postgresql(c) => AnsiTransactionManager::begin_transaction_sql(c, postgres),
    }?;
    match work(conn) {
        Ok(value) => match on_engine!(&mut *conn, |c| AnsiTransactionManager::commit_transaction(
            c
        )) {
            Ok(()) => Ok(value),
            Err(error) => {
                let _ = on_engine!(
                    &mut *conn,
                    |c| AnsiTransactionManager::rollback_transaction(c)
                );
                Err(error)
            }
        },
        Err(error) => {
            // A rollback that fails leaves the connection marked broken,
            // and the pool drops it; the work's error is what matters.
            let _ = on_engine!(
                &mut *conn,
                |c| AnsiTransactionManager::rollback_transaction(c)
            );
            Err(error)
        }
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
