//! The engine the integration suite runs on: a SQLite file per test by
//! default; with THIDUA_TEST_POSTGRES (set by scripts/postgres.sh, which
//! scripts/test.sh runs) a database per test on a throwaway PostgreSQL,
//! copied from a template migrated (and given the demo data) once per run.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use thidua::db::Location;

/// The server's URL (its `postgres` database), when the suite runs on
/// PostgreSQL.
pub fn postgres_url() -> Option<String> {
    std::env::var("THIDUA_TEST_POSTGRES")
        .ok()
        .filter(|url| !url.is_empty())
}

/// Whether this run is on PostgreSQL; tests of what only SQLite has (its
/// file, pragmas, backup) say so and pass.
pub fn on_postgres(test: &str) -> bool {
    let on = postgres_url().is_some();
    if on {
        eprintln!("{test}: SQLite only, not run on PostgreSQL");
    }
    on
}

/// The URL of database `name` on the same server.
fn url_of(server: &str, name: &str) -> String {
    let (base, query) = server.split_once('?').unwrap_or((server, ""));
    let (host, _) = base.rsplit_once('/').expect("a database in the URL");
    if query.is_empty() {
        format!("{host}/{name}")
    } else {
        format!("{host}/{name}?{query}")
    }
}

fn admin(server: &str) -> PgConnection {
    PgConnection::establish(server).expect("the test PostgreSQL answers")
}

/// A test's database, dropped with it.
pub struct PgDatabase {
    server: String,
    name: String,
}

impl PgDatabase {
    pub fn location(&self) -> Location {
        Location::Postgres(url_of(&self.server, &self.name))
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let _ = admin(&self.server).batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ));
    }
}

/// Templates are made once per process; CREATE DATABASE … TEMPLATE takes
/// one copy at a time.
static TEMPLATES: Mutex<Vec<(bool, String)>> = Mutex::new(Vec::new());
static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A new database on the test server, with or without the demo data.
pub fn fresh_postgres(server: &str, with_demo: bool) -> (Location, PgDatabase) {
    let mut templates = TEMPLATES.lock().unwrap_or_else(|e| e.into_inner());
    let pid = std::process::id();
    let template = match templates.iter().find(|(demo, _)| *demo == with_demo) {
        Some((_, name)) => name.clone(),
        None => {
            let name = format!(
                "thidua_template_{}_{pid}",
                if with_demo { "demo" } else { "empty" }
            );
            let mut admin = admin(server);
            // One statement a call: neither may run in a transaction block.
            admin
                .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .unwrap();
            admin
                .batch_execute(&format!("CREATE DATABASE {name}"))
                .unwrap();
            let location = Location::Postgres(url_of(server, &name));
            // Migrated and filled, then its connections closed: a template
            // is copied only while nobody is connected to it.
            drop(
                thidua::server::prepare_location(&location, with_demo, 1)
                    .expect("template prepared"),
            );
            templates.push((with_demo, name.clone()));
            name
        }
    };
    let name = format!(
        "thidua_test_{pid}_{}",
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    admin(server)
        .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
        .unwrap();
    let database = PgDatabase {
        server: server.to_string(),
        name: name.clone(),
    };
    (Location::Postgres(url_of(server, &name)), database)
}

/// SQL a test runs to arrange a fault, in each engine's words.
pub struct Faults<'a>(pub &'a mut thidua::db::DbConn);

impl Faults<'_> {
    fn is_postgres(&self) -> bool {
        matches!(self.0, thidua::db::AnyConnection::Postgresql(_))
    }

    /// From now on `event` ("BEFORE INSERT", "BEFORE UPDATE") on `table`
    /// fails, as a fault half-way through a write would.
    pub fn refuse(&mut self, name: &str, event: &str, table: &str) {
        let sql = if self.is_postgres() {
            format!(
                "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN RAISE EXCEPTION 'test'; END $$; \
                 CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();"
            )
        } else {
            format!(
                "CREATE TRIGGER {name} {event} ON {table} BEGIN SELECT RAISE(ABORT, 'test'); END;"
            )
        };
        self.0.batch_execute(&sql).unwrap();
    }

    /// The connection refuses (or accepts again) writes, as a database put
    /// read-only under the running server would.
    pub fn read_only(&mut self, on: bool) {
        let sql = self.read_only_sql(on);
        self.0.batch_execute(sql).unwrap();
    }

    /// The SQL that makes the connection read-only (`on`) or writable.
    pub fn read_only_sql(&self, on: bool) -> &'static str {
        match (self.is_postgres(), on) {
            (true, true) => "SET default_transaction_read_only = on;",
            (true, false) => "SET default_transaction_read_only = off;",
            (false, true) => "PRAGMA query_only = ON;",
            (false, false) => "PRAGMA query_only = OFF;",
        }
    }

    /// From now on each row deleted from `table` adds a row `(table)` to
    /// the table `log` (which must exist, with one TEXT column `list`).
    pub fn log_deletes(&mut self, log: &str, table: &str) {
        let name = format!("{log}_{table}");
        let sql = if self.is_postgres() {
            format!(
                "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN INSERT INTO {log} VALUES ('{table}'); RETURN NULL; END $$; \
                 CREATE TRIGGER {name} AFTER DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();"
            )
        } else {
            format!(
                "CREATE TRIGGER {name} AFTER DELETE ON {table} \
                 BEGIN INSERT INTO {log} VALUES ('{table}'); END;"
            )
        };
        self.0.batch_execute(&sql).unwrap();
    }
}

/// The names of the record tables (not diesel's own), sorted.
pub fn tables(conn: &mut thidua::db::DbConn) -> Vec<String> {
    names(
        conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__diesel%' ORDER BY name",
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' \
         AND tablename NOT LIKE '__diesel%' ORDER BY tablename COLLATE \"C\"",
    )
}

/// The columns of a table, in their order.
pub fn columns(conn: &mut thidua::db::DbConn, table: &str) -> Vec<String> {
    names(
        conn,
        &format!("SELECT name FROM pragma_table_info('{table}')"),
        &format!(
            "SELECT column_name AS name FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name = '{table}' ORDER BY ordinal_position"
        ),
    )
}

fn names(conn: &mut thidua::db::DbConn, sqlite: &str, postgres: &str) -> Vec<String> {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    let sql = match conn {
        thidua::db::AnyConnection::Postgresql(_) => postgres,
        thidua::db::AnyConnection::Sqlite(_) => sqlite,
    };
    diesel::sql_query(sql)
        .load::<Name>(conn)
        .unwrap()
        .into_iter()
        .map(|n| n.name)
        .collect()
}
