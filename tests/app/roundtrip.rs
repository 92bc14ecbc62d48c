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

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    name: String,
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
    let tables: Vec<Column> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__diesel%' ORDER BY name",
    )
    .load(&mut conn)
    .unwrap();
    let mut out = Vec::new();
    for table in tables.iter().map(|t| t.name.as_str()) {
        if skipped.contains(&table) || table.starts_with("login_") {
            continue;
        }
        let columns: Vec<Column> =
            diesel::sql_query(format!("SELECT name FROM pragma_table_info('{table}')"))
                .load(&mut conn)
                .unwrap();
        let kept: Vec<String> = columns
            .into_iter()
            .map(|c| c.name)
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
            .map(|c| format!("'{c}', quote(\"{c}\")"))
            .collect();
        let lines: Vec<Line> = diesel::sql_query(format!(
            "SELECT '{table} ' || json_object({}) AS line FROM \"{table}\"",
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
            saved += 1;
        }
    }
    assert!(saved >= 8, "only {saved} forms saved");
}
