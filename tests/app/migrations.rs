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
