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
    // PostgreSQL starts from its baseline; its later migrations will be
    // checked the same way.
    if crate::engine::on_postgres("the_latest_migrations_keep_every_record") {
        return;
    }
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

/// `src/schema.rs` is generated from the migrations and never edited by
/// hand: after every migration ran, each table it declares has exactly the
/// database's columns, in order, with the type and nullability diesel's
/// print-schema gives them, and no table of the database is missing.
#[test]
fn the_schema_module_is_what_the_migrations_make() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut conn = SqliteConnection::establish(path.to_str().unwrap()).unwrap();
    conn.run_pending_migrations(thidua::db::MIGRATIONS).unwrap();

    #[derive(QueryableByName)]
    struct Column {
        #[diesel(sql_type = diesel::sql_types::Text)]
        table_name: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        type_name: String,
        #[diesel(sql_type = diesel::sql_types::Integer)]
        not_null: i32,
        #[diesel(sql_type = diesel::sql_types::Integer)]
        primary_key: i32,
    }
    let columns: Vec<Column> = diesel::sql_query(
        "SELECT t.name AS table_name, c.name AS name, c.type AS type_name, \
                c.\"notnull\" AS not_null, c.pk AS primary_key \
         FROM sqlite_master t JOIN pragma_table_info(t.name) c \
         WHERE t.type = 'table' AND t.name NOT LIKE '\\_\\_%' ESCAPE '\\' \
           AND t.name <> 'sqlite_sequence' ORDER BY t.name, c.cid",
    )
    .load(&mut conn)
    .unwrap();
    // The database, written the way print-schema writes it.
    let mut from_database: Vec<(String, Vec<String>)> = Vec::new();
    for c in &columns {
        let base = match c.type_name.to_uppercase().as_str() {
            "INTEGER" => "Integer",
            "BIGINT" => "BigInt",
            "TEXT" => "Text",
            t if t.starts_with("VARCHAR") => "Text",
            "BLOB" => "Binary",
            "BOOLEAN" => "Bool",
            "DATE" => "Date",
            "TIMESTAMP" => "Timestamp",
            other => panic!("{}.{}: no diesel type for {other}", c.table_name, c.name),
        };
        let nullable = c.not_null == 0 && c.primary_key == 0;
        let line = if nullable {
            format!("{} -> Nullable<{base}>", c.name)
        } else {
            format!("{} -> {base}", c.name)
        };
        match from_database.last_mut() {
            Some((table, lines)) if *table == c.table_name => lines.push(line),
            _ => from_database.push((c.table_name.clone(), vec![line])),
        }
    }

    // src/schema.rs, read as text: each `name (key) {` block's lines.
    let source =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/schema.rs")).unwrap();
    let mut from_source: Vec<(String, Vec<String>)> = Vec::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for line in source.lines().map(str::trim) {
        if let Some(head) = line.strip_suffix('{').filter(|h| h.contains('(')) {
            let name = head.split_whitespace().next().unwrap().to_string();
            current = Some((name, Vec::new()));
        } else if line == "}" {
            from_source.extend(current.take());
        } else if let Some((_, lines)) = current.as_mut() {
            lines.push(line.trim_end_matches(',').to_string());
        }
    }
    from_source.sort();
    assert!(!from_source.is_empty(), "no table read from src/schema.rs");
    assert_eq!(
        from_source, from_database,
        "src/schema.rs differs from the migrations: regenerate it (README, Regenerating src/schema.rs)"
    );
}
