//! The two engines' schemas in lockstep: after both folders of migrations
//! ran, SQLite and PostgreSQL have the same tables, columns (in order, of
//! the same type and nullability), keys, checks, indexes and triggers,
//! and the same latest migration version. Runs where a test PostgreSQL is
//! given (scripts/test.sh's second pass).

use std::collections::BTreeMap;

use diesel::migration::MigrationSource;
use diesel::prelude::*;
use diesel_migrations::MigrationHarness;

/// What is compared of each table.
#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    /// name, type, nullable, in order.
    columns: Vec<(String, String, bool)>,
    /// (column, referenced table), sorted.
    foreign_keys: Vec<(String, String)>,
    checks: usize,
    uniques: usize,
    /// Indexes made by name (not those of keys), sorted.
    indexes: Vec<String>,
    triggers: Vec<String>,
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = diesel::sql_types::Text)]
    a: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    b: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    c: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    d: String,
}

fn rows<C: Connection>(conn: &mut C, sql: &str) -> Vec<(String, String, String, String)>
where
    diesel::query_builder::SqlQuery: diesel::query_dsl::LoadQuery<'static, C, Row>,
{
    diesel::sql_query(sql)
        .load::<Row>(conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .into_iter()
        .map(|r| (r.a, r.b, r.c, r.d))
        .collect()
}

/// SQLite's declared type, as PostgreSQL's information schema names it.
fn sqlite_type(declared: &str) -> String {
    let upper = declared.to_ascii_uppercase();
    match upper.as_str() {
        "INTEGER" => "integer",
        "BIGINT" => "bigint",
        "TEXT" => "text",
        "BOOLEAN" => "boolean",
        "DATE" => "date",
        "TIMESTAMP" => "timestamp without time zone",
        "BLOB" => "bytea",
        t if t.starts_with("VARCHAR") => "character varying",
        other => panic!("no PostgreSQL type for SQLite's {other}"),
    }
    .to_string()
}

fn sqlite_schema(conn: &mut SqliteConnection) -> BTreeMap<String, Table> {
    let mut schema: BTreeMap<String, Table> = BTreeMap::new();
    let tables = rows(
        conn,
        "SELECT name AS a, sql AS b, '' AS c, '' AS d FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__diesel%'",
    );
    for (name, sql, _, _) in tables {
        let table = schema.entry(name.clone()).or_default();
        for (column, declared, not_null, key) in rows(
            conn,
            &format!(
                "SELECT name AS a, type AS b, CAST(\"notnull\" AS TEXT) AS c, CAST(pk AS TEXT) AS d \
                 FROM pragma_table_info('{name}') ORDER BY cid"
            ),
        ) {
            let nullable = not_null == "0" && key == "0";
            table
                .columns
                .push((column, sqlite_type(&declared), nullable));
        }
        table.foreign_keys = rows(
            conn,
            &format!(
                "SELECT \"from\" AS a, \"table\" AS b, '' AS c, '' AS d FROM pragma_foreign_key_list('{name}')"
            ),
        )
        .into_iter()
        .map(|(from, to, _, _)| (from, to))
        .collect();
        table.foreign_keys.sort();
        table.checks = sql.matches("CHECK (").count() + sql.matches("CHECK(").count();
        table.uniques = rows(
            conn,
            &format!(
                "SELECT name AS a, '' AS b, '' AS c, '' AS d FROM pragma_index_list('{name}') \
                 WHERE origin = 'u'"
            ),
        )
        .len();
    }
    for (name, table, _, _) in rows(
        conn,
        "SELECT name AS a, tbl_name AS b, '' AS c, '' AS d FROM sqlite_master \
         WHERE type = 'index' AND sql IS NOT NULL",
    ) {
        schema.entry(table).or_default().indexes.push(name);
    }
    for (name, table, _, _) in rows(
        conn,
        "SELECT name AS a, tbl_name AS b, '' AS c, '' AS d FROM sqlite_master WHERE type = 'trigger'",
    ) {
        schema.entry(table).or_default().triggers.push(name);
    }
    for table in schema.values_mut() {
        table.indexes.sort();
        table.triggers.sort();
    }
    schema
}

fn postgres_schema(conn: &mut PgConnection) -> BTreeMap<String, Table> {
    let mut schema: BTreeMap<String, Table> = BTreeMap::new();
    for (table, column, kind, nullable) in rows(
        conn,
        "SELECT table_name::TEXT AS a, column_name::TEXT AS b, data_type::TEXT AS c, \
                is_nullable::TEXT AS d \
         FROM information_schema.columns WHERE table_schema = 'public' \
           AND table_name NOT LIKE '__diesel%' ORDER BY table_name, ordinal_position",
    ) {
        schema
            .entry(table)
            .or_default()
            .columns
            .push((column, kind, nullable == "YES"));
    }
    for (table, kind, column, referenced) in rows(
        conn,
        "SELECT c.conrelid::regclass::TEXT AS a, c.contype::TEXT AS b, \
                COALESCE((SELECT a.attname::TEXT FROM pg_attribute a \
                          WHERE a.attrelid = c.conrelid AND a.attnum = c.conkey[1]), '') AS c, \
                COALESCE(c.confrelid::regclass::TEXT, '') AS d \
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace \
         WHERE n.nspname = 'public' AND c.contype IN ('f', 'c', 'u')",
    ) {
        let Some(t) = schema.get_mut(&table) else {
            continue;
        };
        match kind.as_str() {
            "f" => t.foreign_keys.push((column, referenced)),
            "c" => t.checks += 1,
            _ => t.uniques += 1,
        }
    }
    for (table, index, _, _) in rows(
        conn,
        "SELECT i.tablename::TEXT AS a, i.indexname::TEXT AS b, '' AS c, '' AS d FROM pg_indexes i \
         WHERE i.schemaname = 'public' AND i.tablename NOT LIKE '__diesel%' \
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
    ) {
        schema.entry(table).or_default().indexes.push(index);
    }
    for (table, trigger, _, _) in rows(
        conn,
        "SELECT DISTINCT event_object_table::TEXT AS a, trigger_name::TEXT AS b, '' AS c, '' AS d \
         FROM information_schema.triggers WHERE trigger_schema = 'public'",
    ) {
        schema.entry(table).or_default().triggers.push(trigger);
    }
    for table in schema.values_mut() {
        table.foreign_keys.sort();
        table.indexes.sort();
        table.triggers.sort();
    }
    schema
}

#[test]
fn both_engines_migrate_to_the_same_schema() {
    let Some(server) = crate::engine::postgres_url() else {
        eprintln!("engines: skipped, no test PostgreSQL (scripts/test.sh starts one)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut sqlite =
        SqliteConnection::establish(dir.path().join("s.db").to_str().unwrap()).unwrap();
    sqlite
        .run_pending_migrations(thidua::db::MIGRATIONS)
        .unwrap();
    let (location, _database) = crate::engine::fresh_postgres(&server, false);
    let thidua::db::Location::Postgres(url) = location else {
        unreachable!()
    };
    let mut postgres = PgConnection::establish(&url).unwrap();
    postgres
        .run_pending_migrations(thidua::db::PG_MIGRATIONS)
        .unwrap();

    let latest = |source: &dyn Fn() -> Vec<String>| source().into_iter().max().unwrap();
    let sqlite_latest = latest(&|| {
        MigrationSource::<diesel::sqlite::Sqlite>::migrations(&thidua::db::MIGRATIONS)
            .unwrap()
            .iter()
            .map(|m| m.name().version().to_string())
            .collect()
    });
    let postgres_latest = latest(&|| {
        MigrationSource::<diesel::pg::Pg>::migrations(&thidua::db::PG_MIGRATIONS)
            .unwrap()
            .iter()
            .map(|m| m.name().version().to_string())
            .collect()
    });
    assert_eq!(
        sqlite_latest, postgres_latest,
        "a migration in migrations/ needs its twin in migrations_pg/"
    );

    let on_sqlite = sqlite_schema(&mut sqlite);
    let on_postgres = postgres_schema(&mut postgres);
    assert_eq!(
        on_sqlite.keys().collect::<Vec<_>>(),
        on_postgres.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    for (name, table) in &on_sqlite {
        assert_eq!(Some(table), on_postgres.get(name), "table {name}");
    }
}

/// Two servers on one PostgreSQL: a clerk signs in on the first and saves
/// through the second; the page the first keeps shows the save at once.
#[actix_web::test]
async fn a_save_through_one_server_shows_at_once_on_the_other() {
    use crate::helpers::*;
    use actix_web::http::StatusCode;
    if crate::engine::postgres_url().is_none() {
        eprintln!("engines: skipped, no test PostgreSQL (scripts/test.sh starts one)");
        return;
    }
    let first = TestApp::with_demo();
    let second = first.second_server().expect("a PostgreSQL app");
    let cluster = first.cluster_id(HA_TINH_2);
    let password = first.add_user("thuky", "clerk", &[cluster]);
    // Signed in on the first server; the session is in the database.
    let session = first.login("thuky", &password).await;

    let year = format!("/clusters/{cluster}/years/2021");
    let before = first.get(&year).await;
    assert_eq!(before.status, StatusCode::OK);
    let again = first.get(&year).await;
    assert_eq!(again.body, before.body, "kept by the first server");
    assert!(!before.body.contains("Chủ đề lưu qua máy chủ thứ hai"));

    // The form, opened and saved on the second server.
    let edit = format!("{year}/edit");
    let form = second.get_as(&edit, &session).await;
    assert_eq!(
        form.status,
        StatusCode::OK,
        "the session holds on the second server"
    );
    let mut fields = form_fields(&form.body, &edit);
    assert!(!fields.is_empty(), "the form's fields");
    for (name, value) in fields.iter_mut() {
        if name == "theme" {
            *value = "Chủ đề lưu qua máy chủ thứ hai".to_string();
        }
    }
    fields.push(("action".into(), "save".into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let saved = second.post_as(&edit, Some(&session), &pairs).await;
    assert_eq!(
        saved.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&saved.body)
    );

    // The first server's kept page is stale at once.
    let after = first.get(&year).await;
    after.assert_contains("Chủ đề lưu qua máy chủ thứ hai");
    assert_ne!(after.body, before.body);
}

/// `thidua copy` moves a deployment from SQLite to PostgreSQL and back:
/// every page reads the same on both (the command checks), and the file
/// that comes back holds exactly the rows of the first, attachments,
/// accounts and the audit log included. A target that holds records is
/// refused.
#[actix_web::test]
async fn thidua_copy_moves_a_deployment_to_postgresql_and_back() {
    use crate::helpers::*;
    use std::process::Command;
    let Some(server) = crate::engine::postgres_url() else {
        eprintln!("engines: skipped, no test PostgreSQL (scripts/test.sh starts one)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.db");
    let app = TestApp::on_file(tempfile::tempdir().unwrap(), &first, true, 2);
    let password = app.add_user("thuky", "clerk", &[app.cluster_id(HA_TINH_2)]);
    app.login("thuky", &password).await;
    crate::ops::attach_minutes(app.pool());
    let before = crate::roundtrip::dump_except(&app, &[]);
    drop(app);

    let (postgres, _database) = crate::engine::fresh_postgres(&server, false);
    let copy = |from: &str, to: &str| {
        Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(["copy", "--from", from, "--to", to])
            .output()
            .unwrap()
    };
    let first_text = first.to_str().unwrap();
    let there = copy(first_text, &postgres.to_string_full());
    assert!(
        there.status.success(),
        "{}",
        String::from_utf8_lossy(&there.stderr)
    );
    let said = String::from_utf8_lossy(&there.stdout).to_string();
    assert!(said.contains("trang giống hệt nhau"), "{said}");

    // Into a database that holds records: refused, nothing written.
    let again = copy(first_text, &postgres.to_string_full());
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("đã có dữ liệu"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );

    let back = dir.path().join("back.db");
    let home = copy(&postgres.to_string_full(), back.to_str().unwrap());
    assert!(
        home.status.success(),
        "{}",
        String::from_utf8_lossy(&home.stderr)
    );
    let returned = TestApp::on_file(tempfile::tempdir().unwrap(), &back, false, 2);
    let after = crate::roundtrip::dump_except(&returned, &[]);
    // PostgreSQL keeps times to the microsecond; SQLite kept the clock's
    // nanoseconds as text. The rest is value for value.
    let fraction = regex::Regex::new(r"(\d\d:\d\d:\d\d)(\.\d*)?").unwrap();
    let to_micros = |lines: Vec<String>| -> Vec<String> {
        lines
            .iter()
            .map(|line| {
                fraction
                    .replace_all(line, |c: &regex::Captures| {
                        let digits: String = c
                            .get(2)
                            .map_or("", |m| &m.as_str()[1..])
                            .chars()
                            .take(6)
                            .collect();
                        let digits = digits.trim_end_matches('0');
                        if digits.is_empty() {
                            c[1].to_string()
                        } else {
                            format!("{}.{digits}", &c[1])
                        }
                    })
                    .into_owned()
            })
            .collect()
    };
    let (before, after) = (to_micros(before), to_micros(after));
    assert_eq!(before.len(), after.len(), "as many rows");
    let differ: Vec<(&String, &String)> =
        before.iter().zip(&after).filter(|(a, b)| a != b).collect();
    assert!(
        differ.is_empty(),
        "the same rows, value for value: {differ:#?}"
    );
}

/// `thidua backup` and `restore` are SQLite's; on PostgreSQL they say to
/// use pg_dump and pg_restore, and write nothing.
#[test]
fn backup_on_postgresql_says_to_use_pg_dump() {
    let Some(server) = crate::engine::postgres_url() else {
        eprintln!("engines: skipped, no test PostgreSQL (scripts/test.sh starts one)");
        return;
    };
    let (postgres, _database) = crate::engine::fresh_postgres(&server, false);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sao-luu.db");
    for command in ["backup", "restore"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args([command, "--database", &postgres.to_string_full()])
            .arg(&file)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{command}");
        assert!(
            said.contains("pg_dump") && said.contains("pg_restore"),
            "{command}: {said}"
        );
        assert!(!file.exists(), "{command} wrote nothing");
    }
}
