//! Every migration goes up, down and up again on a fresh database, so
//! each down.sql really undoes its up.sql.

use diesel::prelude::*;
use diesel_migrations::MigrationHarness;

#[test]
fn migrations_run_up_down_and_up_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let mut conn = SqliteConnection::establish(path.to_str().unwrap()).unwrap();
    let up = conn
        .run_pending_migrations(thidua::db::MIGRATIONS)
        .unwrap()
        .len();
    assert!(up >= 5);
    let down = conn
        .revert_all_migrations(thidua::db::MIGRATIONS)
        .unwrap()
        .len();
    assert_eq!(up, down);
    let tables: i64 = diesel::dsl::sql::<diesel::sql_types::BigInt>(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' AND name <> 'sqlite_sequence'",
    )
    .get_result(&mut conn)
    .unwrap();
    assert_eq!(tables, 0, "down.sql left tables behind");
    assert_eq!(
        conn.run_pending_migrations(thidua::db::MIGRATIONS)
            .unwrap()
            .len(),
        up
    );
}

/// The migrations added since the demo data was first loaded go down and
/// up again on a database holding it, and the record is the same after.
#[test]
fn the_latest_migrations_keep_every_record_of_a_full_database() {
    let app = crate::helpers::TestApp::with_demo();
    let before = crate::roundtrip::record_dump(&app);
    assert!(
        before.len() > 100,
        "the demo data is loaded: {} rows",
        before.len()
    );
    let mut conn = app.pool().get().unwrap();
    let applied: Vec<String> = conn
        .applied_migrations()
        .unwrap()
        .into_iter()
        .map(|v| v.to_string())
        .collect();
    let recent = applied.iter().filter(|v| v.as_str() >= "20261201").count();
    assert!(recent >= 4, "{applied:?}");
    for _ in 0..recent {
        conn.revert_last_migration(thidua::db::MIGRATIONS).unwrap();
    }
    assert_eq!(
        conn.run_pending_migrations(thidua::db::MIGRATIONS)
            .unwrap()
            .len(),
        recent
    );
    drop(conn);
    let after = crate::roundtrip::record_dump(&app);
    assert!(
        before == after,
        "a migration's down and up changed the record"
    );
}
