//! Saving a form unchanged changes nothing: every column a save rewrites
//! is on the form or kept as it was. Each demo year, each of its
//! conferences, goes through the meeting-results form as an admin would
//! open and save it, and the database must be the same afterwards, apart
//! from record versions and the audit log.

use actix_web::http::StatusCode;
use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::helpers::*;

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

/// Not the record: the log, accounts and sessions, and the data version
/// (a counter of writes, see `db::version`).
pub const NOT_THE_RECORD: &[&str] = &[
    "audit_log",
    "sessions",
    "users",
    "user_clusters",
    "data_version",
];

/// Every row of every table of the record, as JSON lines, with the
/// columns that may change on an unchanged save left out: row ids of
/// rows a save writes anew (nothing refers to them) and versions.
pub fn record_dump(app: &TestApp) -> Vec<String> {
    dump_except(app, NOT_THE_RECORD)
}

/// Every row of every table but `skipped` (and the login throttle's own
/// tables), as JSON lines; see `record_dump`.
pub fn dump_except(app: &TestApp, skipped: &[&str]) -> Vec<String> {
    let mut conn = app.pool().get().unwrap();
    let postgres = matches!(*conn, thidua::db::AnyConnection::Postgresql(_));
    let mut out = Vec::new();
    for table in crate::engine::tables(&mut conn) {
        let table = table.as_str();
        if skipped.contains(&table) || table.starts_with("login_") {
            continue;
        }
        let kept: Vec<String> = crate::engine::columns(&mut conn, table)
            .into_iter()
            .filter(|c| c != "version")
            .filter(|c| {
                c != "id"
                    || !matches!(
                        table,
                        "conference_participants"
                            | "indicator_values"
                            | "member_results"
                            | "covenants"
                            | "title_counts"
                    )
            })
            .map(|c| {
                if postgres {
                    format!("'{c}', \"{c}\"")
                } else {
                    format!("'{c}', quote(\"{c}\")")
                }
            })
            .collect();
        let (object, as_text) = if postgres {
            ("json_build_object", "::TEXT")
        } else {
            ("json_object", "")
        };
        let lines: Vec<Line> = diesel::sql_query(format!(
            "SELECT '{table} ' || {object}({}){as_text} AS line FROM \"{table}\"",
            kept.join(", ")
        ))
        .load(&mut conn)
        .unwrap();
        let mut lines: Vec<String> = lines.into_iter().map(|l| l.line).collect();
        lines.sort();
        out.extend(lines);
    }
    out
}

/// (cluster id, year, conference ids) of every year on record.
fn years_on_record(app: &TestApp) -> Vec<(i32, i32, Vec<i32>)> {
    use thidua::schema::{cluster_years, conferences};
    let mut conn = app.pool().get().unwrap();
    let years: Vec<(i32, i32, i32)> = cluster_years::table
        .order((cluster_years::cluster_id, cluster_years::year))
        .select((
            cluster_years::id,
            cluster_years::cluster_id,
            cluster_years::year,
        ))
        .load(&mut conn)
        .unwrap();
    years
        .into_iter()
        .map(|(id, cluster, year)| {
            let conferences: Vec<i32> = conferences::table
                .filter(conferences::cluster_year_id.eq(id))
                .order(conferences::id)
                .select(conferences::id)
                .load(&mut conn)
                .unwrap();
            (cluster, year, conferences)
        })
        .collect()
}

fn first_difference(before: &[String], after: &[String]) -> String {
    let gone: Vec<&String> = before
        .iter()
        .filter(|l| !after.contains(l))
        .take(5)
        .collect();
    let new: Vec<&String> = after
        .iter()
        .filter(|l| !before.contains(l))
        .take(5)
        .collect();
    format!("rows before, not after: {gone:#?}\nrows after, not before: {new:#?}")
}

/// Lines in the audit log, and the sum of every year's version.
fn log_and_versions(app: &TestApp) -> (i64, i64) {
    use diesel::dsl::sum;
    use thidua::schema::{audit_log, cluster_years};
    let mut conn = app.pool().get().unwrap();
    let lines: i64 = audit_log::table.count().get_result(&mut conn).unwrap();
    let versions: Option<i64> = cluster_years::table
        .select(sum(cluster_years::version))
        .first(&mut conn)
        .unwrap();
    (lines, versions.unwrap_or(0))
}

#[actix_web::test]
async fn saving_every_demo_year_unchanged_through_the_form_changes_nothing() {
    let app = TestApp::with_demo();
    let password = app.add_user("quantri", "admin", &[]);
    let admin = app.login("quantri", &password).await;
    let mut saved = 0;
    for (cluster, year, conferences) in years_on_record(&app) {
        let mut which: Vec<String> = conferences
            .iter()
            .map(|c| format!("?conference={c}"))
            .collect();
        if which.is_empty() {
            which.push(String::new());
        }
        for query in which {
            let path = format!("/clusters/{cluster}/years/{year}/edit");
            let form = app.get_as(&format!("{path}{query}"), &admin).await;
            assert_eq!(form.status, StatusCode::OK, "GET {path}{query}");
            let mut fields = form_fields(&form.body, &path);
            fields.push(("action".into(), "save".into()));
            let before = record_dump(&app);
            let whole_before = (dump_except(&app, &["sessions"]), log_and_versions(&app));
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let response = app.post_as(&path, Some(&admin), &fields).await;
            assert_eq!(
                response.status,
                StatusCode::SEE_OTHER,
                "POST {path}{query} unchanged: {}",
                visible_text(&response.body)
            );
            let after = record_dump(&app);
            assert!(
                before == after,
                "saving {path}{query} unchanged changed the record:\n{}",
                first_difference(&before, &after)
            );
            // Nothing at all is written: no new version, no line in the
            // log, and the clerk is told so.
            let whole_after = (dump_except(&app, &["sessions"]), log_and_versions(&app));
            assert!(
                whole_before == whole_after,
                "saving {path}{query} unchanged wrote something: {:?} → {:?}\n{}",
                whole_before.1,
                whole_after.1,
                first_difference(&whole_before.0, &whole_after.0)
            );
            assert!(
                response
                    .location
                    .as_deref()
                    .is_some_and(|l| l.ends_with("?saved=unchanged")),
                "{:?}",
                response.location
            );
            saved += 1;
        }
    }
    assert!(saved >= 8, "only {saved} forms saved");
}

#[actix_web::test]
async fn a_save_logs_only_the_fields_it_changes() {
    use thidua::schema::audit_log;
    let app = TestApp::with_demo();
    let password = app.add_user("quantri", "admin", &[]);
    let admin = app.login("quantri", &password).await;
    let cluster = app.cluster_id(BAC_KAN);
    let path = format!("/clusters/{cluster}/years/2022/edit");
    let form = app.get_as(&path, &admin).await;
    let mut fields = form_fields(&form.body, &path);
    for f in fields.iter_mut().filter(|(k, _)| k == "theme") {
        f.1 = "Chủ đề đã sửa".into();
    }
    fields.push(("action".into(), "save".into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let response = app.post_as(&path, Some(&admin), &pairs).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert!(response.location.unwrap().ends_with("?saved=1"));

    let (before, after): (Option<String>, Option<String>) = audit_log::table
        .filter(audit_log::entity.eq("cluster_year"))
        .order(audit_log::id.desc())
        .select((audit_log::before_json, audit_log::after_json))
        .first(&mut app.pool().get().unwrap())
        .unwrap();
    let after: serde_json::Value = serde_json::from_str(&after.unwrap()).unwrap();
    let before: serde_json::Value = serde_json::from_str(&before.unwrap()).unwrap();
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&after), ["conference_id", "theme", "version"]);
    assert_eq!(keys(&before), ["conference_id", "theme", "version"]);
    assert_eq!(after["theme"], "Chủ đề đã sửa");

    // The history still reads the change in words.
    let history = app
        .get_as(&format!("/clusters/{cluster}/years/2022/history"), &admin)
        .await;
    history.assert_contains("Chủ đề đã sửa");
}

#[actix_web::test]
async fn a_long_history_comes_in_pages_of_twenty() {
    let app = TestApp::with_demo();
    let password = app.add_user("quantri", "admin", &[]);
    let admin = app.login("quantri", &password).await;
    let cluster = app.cluster_id(BAC_KAN);
    let path = format!("/clusters/{cluster}/years/2022/edit");
    for n in 1..=23 {
        let form = app.get_as(&path, &admin).await;
        let mut fields = form_fields(&form.body, &path);
        for f in fields.iter_mut().filter(|(k, _)| k == "theme") {
            f.1 = format!("Chủ đề lần {n}");
        }
        fields.push(("action".into(), "save".into()));
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            app.post_as(&path, Some(&admin), &pairs).await.status,
            StatusCode::SEE_OTHER
        );
    }
    let history = format!("/clusters/{cluster}/years/2022/history");
    let first = app.get_as(&history, &admin).await;
    first.assert_contains("Trang 1/2");
    first.assert_contains("Chủ đề lần 23");
    first.assert_contains("Chủ đề lần 4");
    // Each event shows the theme before and after: events 23 to 4.
    assert!(
        !first.body.contains("Chủ đề lần 2<"),
        "page 1 stops at 20 events"
    );
    first.assert_contains(&format!("href=\"{history}?page=2\""));
    let second = app.get_as(&format!("{history}?page=2"), &admin).await;
    second.assert_contains("Trang 2/2");
    second.assert_contains("Chủ đề lần 1<");
    second.assert_contains("Chủ đề lần 3<");
    assert!(!second.body.contains("Chủ đề lần 23"));
    assert!(!second.body.contains("Chủ đề lần 5<"));
    // A page past the end shows the last one.
    let wild = app.get_as(&format!("{history}?page=999"), &admin).await;
    wild.assert_contains("Trang 2/2");
}
