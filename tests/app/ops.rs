//! The operator's toolkit: backup while clerks save, restore into a
//! stopped deployment, /healthz, the access log, the built-in static files.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use actix_web::http::StatusCode;
use actix_web::test as atest;
use diesel::prelude::*;

use thidua::db::{self, DbPool};
use thidua::ops::{backup::backup, restore::restore};
use thidua::schema::{attachments, audit_log, cluster_years, conferences};
use thidua::server::prepare_database;
use thidua::web::app::{AppConfig, build_app};

use crate::helpers::*;

const MINUTES: &[u8] = b"%PDF-1.4\n% signed minutes of the soak test\n%%EOF\n";

/// Attaches signed minutes to a conference of a published year and
/// returns the attachment's id.
pub(crate) fn attach_minutes(pool: &DbPool) -> i32 {
    let mut conn = pool.get().unwrap();
    let conference: i32 = conferences::table
        .inner_join(cluster_years::table)
        .filter(cluster_years::status.eq("published"))
        .select(conferences::id)
        .first(&mut conn)
        .unwrap();
    diesel::insert_into(attachments::table)
        .values((
            attachments::conference_id.eq(conference),
            attachments::file_name.eq("bien-ban.pdf"),
            attachments::content_type.eq("application/pdf"),
            attachments::size.eq(MINUTES.len() as i32),
            attachments::content.eq(MINUTES),
            attachments::uploaded_at.eq(chrono::Utc::now().naive_utc()),
        ))
        .returning(attachments::id)
        .get_result(&mut conn)
        .unwrap()
}

fn config(pool: DbPool) -> AppConfig {
    AppConfig {
        pool,
        static_dir: None,
        cookies: thidua::auth::CookiePolicy { secure: false },
        trusted_proxies: Default::default(),
        cache: Default::default(),
        login_pause: Default::default(),
    }
}

async fn get(config: &AppConfig, uri: &str) -> (StatusCode, Vec<u8>) {
    let app = atest::init_service(build_app(config.clone())).await;
    let response = atest::call_service(&app, atest::TestRequest::get().uri(uri).to_request()).await;
    let status = response.status();
    (status, atest::read_body(response).await.to_vec())
}

fn notes(path: &Path) -> Vec<String> {
    let mut conn = SqliteConnection::establish(path.to_str().unwrap()).unwrap();
    audit_log::table
        .filter(audit_log::note.like("clerk % save %"))
        .select(audit_log::note.assume_not_null())
        .load(&mut conn)
        .unwrap()
}

#[actix_web::test]
async fn a_backup_taken_while_clerks_save_holds_every_acknowledged_save_and_restores_to_a_serving_portal()
 {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("thidua.db");
    let pool = prepare_database(&live, true, 8).unwrap();
    let attachment = attach_minutes(&pool);

    // Four clerks save as fast as they can; a save counts once its
    // transaction has committed.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (pool, acknowledged, stop) = (pool.clone(), acknowledged.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    let note = format!("clerk {w} save {n}");
                    db::write(&mut conn, |conn| {
                        thidua::audit::record(
                            conn,
                            thidua::audit::Entry {
                                user_id: None,
                                user_name: None,
                                address: None,
                                action: "update",
                                entity: None,
                                entity_id: None,
                                before: None,
                                after: Some(serde_json::json!({ "n": n })),
                                note: Some(&note),
                            },
                        )
                    })
                    .unwrap();
                    acknowledged.lock().unwrap().push(note);
                    n += 1;
                }
            })
        })
        .collect();
    while acknowledged.lock().unwrap().len() < 200 {
        assert!(!writers.iter().any(|w| w.is_finished()), "a writer failed");
        std::thread::yield_now();
    }
    let before_backup = acknowledged.lock().unwrap().clone();
    let copy = dir.path().join("backups").join("nightly.db");
    std::fs::create_dir(copy.parent().unwrap()).unwrap();
    let summary = backup(&live, &copy, false).unwrap();
    let during = acknowledged.lock().unwrap().len();
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.join().unwrap();
    }
    assert_eq!(summary.attachments, 1);
    assert!(summary.cluster_years > 0);
    assert!(summary.describe().contains("năm của các cụm"));

    let saved = notes(&copy);
    let missing: Vec<_> = before_backup
        .iter()
        .filter(|n| !saved.contains(n))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged saves missing from the backup, e.g. {:?}",
        missing.len(),
        before_backup.len(),
        missing.first()
    );
    // Nothing that was not saved appears in it.
    let all = acknowledged.lock().unwrap().clone();
    assert!(saved.iter().all(|n| all.contains(n)));
    assert!(during >= before_backup.len());

    // Restore into a new, stopped deployment and serve it.
    let restored = dir.path().join("restored").join("thidua.db");
    restore(&copy, &restored).unwrap();
    let pool = prepare_database(&restored, false, 2).unwrap();
    let config = config(pool);
    let (status, body) = get(&config, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8(body).unwrap().contains(HA_TINH_2));
    let (status, body) = get(&config, &format!("/attachments/{attachment}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body, MINUTES,
        "the signed minutes came back with the restore"
    );
    assert_eq!(notes(&restored).len(), saved.len());
}

#[test]
fn a_backup_never_overwrites_a_file_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("thidua.db");
    drop(prepare_database(&live, true, 1).unwrap());
    let copy = dir.path().join("copy.db");
    std::fs::write(&copy, b"yesterday's backup").unwrap();
    let refused = backup(&live, &copy, false).unwrap_err().to_string();
    assert!(refused.contains("--force"), "{refused}");
    assert_eq!(std::fs::read(&copy).unwrap(), b"yesterday's backup");
    backup(&live, &copy, true).unwrap();
    assert!(std::fs::metadata(&copy).unwrap().len() > 1000);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn restore_refuses_a_database_in_use_a_damaged_file_and_a_newer_backup() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("thidua.db");
    let pool = prepare_database(&live, true, 2).unwrap();
    let copy = dir.path().join("copy.db");
    backup(&live, &copy, false).unwrap();

    // The "server" still has the database open.
    let _held = pool.get().unwrap();
    let refused = restore(&copy, &live).unwrap_err().to_string();
    assert!(refused.contains("dừng máy chủ"), "{refused}");
    drop(_held);
    drop(pool);

    let damaged = dir.path().join("damaged.db");
    let mut bytes = std::fs::read(&copy).unwrap();
    let half = bytes.len() / 2;
    bytes[half..].iter_mut().for_each(|b| *b = 0x5a);
    std::fs::write(&damaged, bytes).unwrap();
    assert!(restore(&damaged, &live).is_err());
    std::fs::write(&damaged, b"not a database at all").unwrap();
    assert!(restore(&damaged, &live).is_err());

    let newer = dir.path().join("newer.db");
    std::fs::copy(&copy, &newer).unwrap();
    {
        let mut conn = SqliteConnection::establish(newer.to_str().unwrap()).unwrap();
        diesel::sql_query(
            "INSERT INTO __diesel_schema_migrations (version) VALUES ('29991231000000')",
        )
        .execute(&mut conn)
        .unwrap();
    }
    let refused = restore(&newer, &live).unwrap_err().to_string();
    assert!(refused.contains("29991231000000"), "{refused}");

    // Stopped: the restore goes through and leaves no stale journal.
    restore(&copy, &live).unwrap();
    for suffix in ["-wal", "-shm"] {
        assert!(!Path::new(&format!("{}{suffix}", live.display())).exists());
    }
    thidua::ops::check(&live).unwrap();
}

#[actix_web::test]
async fn healthz_answers_200_when_current_and_503_with_a_pending_migration() {
    use diesel_migrations::MigrationHarness;
    let app = TestApp::with_demo();
    let response = app.send(atest::TestRequest::get().uri("/healthz")).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body, "ok\n");
    assert!(response.set_cookies.is_empty(), "no cookies for a probe");

    let mut conn = app.pool().get().unwrap();
    conn.revert_last_migration(thidua::db::MIGRATIONS).unwrap();
    drop(conn);
    let response = app.send(atest::TestRequest::get().uri("/healthz")).await;
    assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
    response.assert_contains("migration chưa áp dụng");
}

/// A writer the test can read back: what the JSON log formatter wrote.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[actix_web::test]
async fn every_request_gets_one_json_access_line_without_its_query_string() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_max_level(tracing::Level::INFO)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = TestApp::with_demo();
    app.send(atest::TestRequest::get().uri("/search?q=m%E1%BA%ADt+kh%E1%BA%A9u"))
        .await;
    app.send(atest::TestRequest::get().uri("/clusters/999999"))
        .await;

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .filter(|v: &serde_json::Value| v["target"] == "thidua::access")
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    let search = &lines[0]["fields"];
    assert_eq!(search["method"], "GET");
    assert_eq!(search["path"], "/search");
    assert_eq!(search["status"], 200);
    assert_eq!(search["client"], CLIENT.split(':').next().unwrap());
    assert!(search["duration_ms"].as_f64().is_some());
    assert!(!text.contains("m%E1%BA%ADt"), "query string in the log");
    assert_eq!(lines[1]["fields"]["status"], 404);
    assert_eq!(lines[1]["fields"]["path"], "/clusters/999999");
}

#[actix_web::test]
async fn the_binary_serves_its_own_static_files_and_refuses_a_missing_static_folder() {
    // The built-in copies, wherever the binary runs.
    let app = TestApp::with_demo();
    let response = app
        .send(atest::TestRequest::get().uri("/static/thidua.css"))
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        response.body.as_bytes(),
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/static/thidua.css")).unwrap()
    );

    // An override that points nowhere stops the start with a clear message.
    use clap::Parser;
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("thidua.db");
    let cli = thidua::config::Cli::try_parse_from([
        "thidua",
        "serve",
        "--bind",
        "127.0.0.1:0",
        "--database",
        database.to_str().unwrap(),
        "--static-dir",
        "/nonexistent/static",
    ])
    .unwrap();
    let Some(thidua::config::Command::Serve(args)) = cli.command else {
        panic!("serve")
    };
    let refused = thidua::server::serve(args).await.unwrap_err().to_string();
    assert!(refused.contains("/nonexistent/static"), "{refused}");
    assert!(!database.exists(), "refused before touching the database");
}

#[test]
fn the_demo_data_goes_only_into_a_new_database() {
    use diesel::prelude::*;
    use thidua::schema::{cluster_years, clusters};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("thidua.db");
    let count = |pool: &thidua::db::DbPool| -> (i64, i64) {
        let mut conn = pool.get().unwrap();
        (
            clusters::table.count().get_result(&mut conn).unwrap(),
            cluster_years::table.count().get_result(&mut conn).unwrap(),
        )
    };
    let first = prepare_database(&file, true, 1).unwrap();
    let (clusters_loaded, years_loaded) = count(&first);
    assert!(
        clusters_loaded >= 5 && years_loaded >= 5,
        "the demo was loaded"
    );
    // A clerk deletes a year; the portal is started again on the same file.
    {
        let mut conn = first.get().unwrap();
        let year: i32 = cluster_years::table
            .select(cluster_years::id)
            .first(&mut conn)
            .unwrap();
        diesel::delete(cluster_years::table.find(year))
            .execute(&mut conn)
            .unwrap();
    }
    drop(first);
    let second = prepare_database(&file, true, 1).unwrap();
    assert_eq!(
        count(&second),
        (clusters_loaded, years_loaded - 1),
        "starting again loaded nothing: the deleted year stays deleted, nothing is doubled"
    );
}

/// Every connection of the pool runs with the settings the README names:
/// foreign keys on, WAL, synchronous=NORMAL and a 5 s busy timeout.
#[test]
fn every_pooled_connection_has_the_documented_sqlite_settings() {
    #[derive(QueryableByName)]
    struct Setting {
        #[diesel(sql_type = diesel::sql_types::Text)]
        value: String,
    }
    let dir = tempfile::tempdir().unwrap();
    let pool = prepare_database(&dir.path().join("p.db"), false, 2).unwrap();
    // Two connections at once: the settings are per connection, not per file.
    let mut first = pool.get().unwrap();
    let mut second = pool.get().unwrap();
    for conn in [&mut first, &mut second] {
        let mut read = |pragma: &str| -> String {
            // Each pragma names its one column after itself, but for one.
            let column = if pragma == "busy_timeout" {
                "timeout"
            } else {
                pragma
            };
            diesel::sql_query(format!(
                "SELECT CAST(\"{column}\" AS TEXT) AS value FROM pragma_{pragma}"
            ))
            .get_result::<Setting>(&mut **conn)
            .unwrap()
            .value
        };
        assert_eq!(read("foreign_keys"), "1");
        assert_eq!(read("journal_mode"), "wal");
        assert_eq!(read("synchronous"), "1", "NORMAL");
        assert_eq!(read("busy_timeout"), "5000");
    }
}

/// A free port on the loopback, for a server started as its own process.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A plain HTTP/1.0 GET; None while nothing listens yet.
fn http_get(port: u16, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    Some(answer)
}

/// Waits until the server answers its health check (it loads the demo data
/// first), at most a minute.
fn wait_until_serving(port: u16, child: &mut std::process::Child) {
    for _ in 0..600 {
        if let Some(answer) = http_get(port, "/healthz") {
            assert_eq!(answer.split(' ').nth(1), Some("200"), "{answer}");
            return;
        }
        assert!(child.try_wait().unwrap().is_none(), "the server stopped");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("the server did not answer within a minute");
}

/// `thidua` with no command serves with every setting from the environment
/// (address, database, workers, secure cookies, JSON logs), and `serve
/// --no-demo` with flags starts an empty portal.
#[test]
fn the_binary_takes_its_settings_from_the_environment_or_its_flags() {
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("env.db");
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .current_dir(dir.path())
        .env("THIDUA_BIND", format!("127.0.0.1:{port}"))
        .env("DATABASE_URL", &database)
        .env("THIDUA_WORKERS", "1")
        .env("THIDUA_SECURE_COOKIES", "1")
        .env("THIDUA_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until_serving(port, &mut child);
    let home = http_get(port, "/").unwrap();
    let login = http_get(port, "/login").unwrap();
    child.kill().unwrap();
    let output = child.wait_with_output().unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );

    assert!(database.exists(), "the database is where DATABASE_URL says");
    assert!(!dir.path().join("data").exists(), "not the default path");
    assert!(
        home.contains("Cụm thi đua số 2"),
        "the demo was loaded:\n{home}"
    );
    let cookie = login
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .unwrap_or_else(|| panic!("no cookie:\n{login}"));
    assert!(
        cookie.contains("__Host-") && cookie.contains("Secure"),
        "{cookie}"
    );
    // One JSON object a line, the access lines among them, one worker.
    let lines: Vec<serde_json::Value> = log
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l["target"] == "thidua::access" && l["fields"]["path"] == "/login"),
        "{log}"
    );
    assert!(
        lines.iter().any(|l| l["fields"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("starting 1 workers"))),
        "{log}"
    );

    // Flags instead: another file, no demo.
    let empty = dir.path().join("empty.db");
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .current_dir(dir.path())
        .env_remove("DATABASE_URL")
        .env_remove("THIDUA_BIND")
        .args([
            "serve",
            "--no-demo",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--database",
        ])
        .arg(&empty)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_until_serving(port, &mut child);
    let home = http_get(port, "/").unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(home.split(' ').nth(1), Some("200"), "{home}");
    assert!(!home.contains("Cụm thi đua số 2"), "no demo with --no-demo");
    let pool = thidua::db::open_pool(&empty, 1).unwrap();
    let years: i64 = cluster_years::table
        .count()
        .get_result(&mut pool.get().unwrap())
        .unwrap();
    assert_eq!(years, 0);
}
