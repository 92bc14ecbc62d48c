//! Every page's SQL at national shape reads big tables through an index:
//! the app runs on a generated database with `ANALYZE` statistics, every
//! statement it runs for each kind of page is captured, and SQLite's
//! `EXPLAIN QUERY PLAN` of each must not scan a big table row by row.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use actix_web::http::StatusCode;
use diesel::connection::{Connection, InstrumentationEvent, SimpleConnection};
use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};

use crate::helpers::*;

/// Enough of the country that its pages take their national form (the
/// home page lists bodies past 40 clusters) and the statistics look like
/// it, small enough to generate in a few seconds.
const SCALE: f64 = 0.1;

/// Set to a database `thidua generate` wrote (at full scale, say) to
/// check the plans on it instead; it is copied, never written to.
const DATABASE_VAR: &str = "THIDUA_PLANS_DATABASE";
/// Set to print every statement with its plan, not only the failing ones.
const DUMP_VAR: &str = "THIDUA_PLANS_DUMP";

/// Tables that grow with the country and the years: a page must reach
/// them through an index.
const BIG: &[&str] = &[
    "cluster_years",
    "conferences",
    "conference_participants",
    "indicator_values",
    "member_results",
    "award_proposals",
    "memberships",
    "title_counts",
    "covenants",
    "audit_log",
    "people",
    "units",
    "cluster_year_movements",
];

/// Scans that cannot be avoided, as (the page's address up to its
/// query, the table, a piece of the statement that identifies the
/// query), each with the reason.
const ALLOWED: &[(&str, &str, &str)] = &[
    // Search finds a word anywhere in a name, which no b-tree index
    // serves: the folded names are read in full once per data version
    // and searched in memory (search::corpus). People and conferences
    // are read through covering indexes in the order they are listed.
    (
        "/search",
        "units",
        "SELECT `units`.`id`, `units`.`name`, `units`.`search_text` FROM `units`",
    ),
    // The unfiltered tallies rank every unit with a proposal, nearly
    // every unit in the country, and break ties by name: the names of
    // all of them are needed, and one pass over the table is cheaper
    // than thousands of primary-key look-ups, as the planner finds.
    ("/awards", "units", "FROM `units` WHERE (`units`.`id` IN ("),
];

/// The SQL each connection of the pool runs, in order.
type Log = Arc<Mutex<Vec<String>>>;

/// Attaches the log to every connection of the pool: all of them are
/// taken at once, so none is left out, and handed back.
fn capture(app: &TestApp, size: u32) -> Log {
    let log: Log = Arc::default();
    let mut held = Vec::new();
    for _ in 0..size {
        let mut conn = app.pool().get().expect("connection");
        let sink = log.clone();
        conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
            if let InstrumentationEvent::StartQuery { query, .. } = event {
                let text = query.to_string();
                // Diesel's display appends the bound values as a comment.
                let sql = match text.rfind(" -- binds: ") {
                    Some(at) => text[..at].to_string(),
                    None => text,
                };
                if let Ok(mut log) = sink.lock() {
                    log.push(sql);
                }
            }
        });
        held.push(conn);
    }
    log
}

#[derive(QueryableByName)]
struct PlanLine {
    #[diesel(sql_type = Text)]
    detail: String,
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = Integer)]
    id: i32,
}

#[derive(QueryableByName)]
struct Picked {
    #[diesel(sql_type = Integer)]
    id: i32,
    #[diesel(sql_type = Integer)]
    year: i32,
}

fn one_id(conn: &mut thidua::db::DbConn, sql: &str) -> i32 {
    diesel::sql_query(sql)
        .get_result::<Id>(conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .id
}

/// The plan lines that scan a big table without an index.
fn full_scans(plan: &[PlanLine]) -> Vec<&str> {
    plan.iter()
        .map(|l| l.detail.as_str())
        .filter(|detail| {
            let Some(rest) = detail.strip_prefix("SCAN ") else {
                return false;
            };
            let table = rest.split_whitespace().next().unwrap_or_default();
            BIG.contains(&table) && !rest.contains(" USING ")
        })
        .collect()
}

fn is_query(sql: &str) -> bool {
    let head = sql.trim_start().to_ascii_uppercase();
    ["SELECT", "WITH", "UPDATE", "DELETE", "INSERT"]
        .iter()
        .any(|k| head.starts_with(k))
}

#[actix_web::test]
async fn no_page_scans_a_big_table_at_national_shape() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("national.db");
    match std::env::var_os(DATABASE_VAR) {
        Some(given) => {
            std::fs::copy(&given, &file).expect("copy of the given database");
        }
        None => {
            thidua::generate::generate(&file, 11, SCALE).expect("generated");
        }
    }
    let pool_size = 2;
    let app = TestApp::on_file(dir, &file, false, pool_size);
    let (cluster, unit, body, kind) = {
        let mut conn = app.pool().get().unwrap();
        // As production does after migrating: statistics for the planner.
        conn.batch_execute("ANALYZE").unwrap();
        let cluster: Picked = diesel::sql_query(
            "SELECT cluster_id AS id, year FROM cluster_years \
             WHERE status = 'published' ORDER BY cluster_id, year DESC LIMIT 1",
        )
        .get_result(&mut conn)
        .unwrap();
        let unit = one_id(
            &mut conn,
            "SELECT unit_id AS id FROM memberships ORDER BY id LIMIT 1",
        );
        let body = one_id(
            &mut conn,
            &format!(
                "SELECT organising_body_id AS id FROM clusters WHERE id = {}",
                cluster.id
            ),
        );
        let kind = one_id(&mut conn, "SELECT id FROM award_kinds ORDER BY id LIMIT 1");
        (cluster, unit, body, kind)
    };
    let (name, person) = {
        use thidua::schema::{people, units};
        let mut conn = app.pool().get().unwrap();
        let name: String = units::table
            .find(unit)
            .select(units::name)
            .first(&mut conn)
            .unwrap();
        let person_id = one_id(
            &mut conn,
            "SELECT p.person_id AS id FROM conference_participants p \
             JOIN conferences c ON c.id = p.conference_id \
             JOIN cluster_years y ON y.id = c.cluster_year_id \
             WHERE y.status = 'published' AND p.person_id IS NOT NULL \
             ORDER BY p.id LIMIT 1",
        );
        let person: String = people::table
            .find(person_id)
            .select(people::full_name)
            .first(&mut conn)
            .unwrap();
        let query = |text: &str| thidua::domain::fold::fold_for_search(text).replace(' ', "+");
        (query(&name), query(&person))
    };
    let admin_password = app.add_user("quantri", "admin", &[]);
    let clerk_password = app.add_user("thuky", "clerk", &[cluster.id]);

    {
        // A history to show: lines about the year and the unit, among
        // others, as a country's record would have.
        let mut conn = app.pool().get().unwrap();
        let year_id = one_id(
            &mut conn,
            &format!(
                "SELECT id FROM cluster_years WHERE cluster_id = {} AND year = {}",
                cluster.id, cluster.year
            ),
        );
        let others: Vec<Id> = diesel::sql_query("SELECT id FROM cluster_years LIMIT 200")
            .load(&mut conn)
            .unwrap();
        for (entity, id) in others
            .iter()
            .map(|y| ("cluster_year", y.id))
            .chain([("cluster_year", year_id), ("unit", unit)])
        {
            thidua::audit::record(
                &mut conn,
                thidua::audit::Entry {
                    user_name: Some("quantri"),
                    action: "update",
                    entity: Some(entity),
                    entity_id: Some(id),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        conn.batch_execute("ANALYZE audit_log").unwrap();
    }
    let log = capture(&app, pool_size);
    let admin = app.login("quantri", &admin_password).await;
    let clerk = app.login("thuky", &clerk_password).await;
    log.lock().unwrap().clear();

    let year = format!("/clusters/{}/years/{}", cluster.id, cluster.year);
    let public = [
        "/".to_string(),
        format!("/clusters/{}", cluster.id),
        year.clone(),
        format!("{year}/print"),
        format!("/units/{unit}"),
        "/awards".to_string(),
        format!(
            "/awards?from=2010&to=2020&cluster={}&body={body}&kind={kind}",
            cluster.id
        ),
        format!("/rotation?body={body}"),
        format!("/search?q={name}"),
        format!("/search?q={person}"),
        format!("/bodies/{body}"),
    ];
    let mut statements: Vec<(String, String)> = Vec::new();
    let mut take = |page: &str, status: StatusCode| {
        assert_eq!(status, StatusCode::OK, "{page}");
        let mut log = log.lock().unwrap();
        assert!(!log.is_empty(), "no SQL captured for {page}");
        statements.extend(log.drain(..).map(|sql| (page.to_string(), sql)));
    };
    for uri in &public {
        let page = app.get(uri).await;
        take(uri, page.status);
    }
    for uri in [format!("{year}/history"), format!("/history/units/{unit}")] {
        let page = app.get_as(&uri, &admin).await;
        take(&format!("{uri} (quản trị)"), page.status);
    }
    let form = format!("{year}/edit");
    let page = app.get_as(&form, &clerk).await;
    take(&format!("{form} (cán bộ nhập liệu)"), page.status);

    let mut conn = app.pool().get().unwrap();
    let mut seen = BTreeSet::new();
    let mut failures = Vec::new();
    for (page, sql) in &statements {
        if !is_query(sql) || !seen.insert(sql.clone()) {
            continue;
        }
        let plan: Vec<PlanLine> = diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}"))
            .load(&mut conn)
            .unwrap_or_else(|e| panic!("EXPLAIN of {sql}: {e}"));
        if std::env::var_os(DUMP_VAR).is_some() {
            let lines: Vec<&str> = plan.iter().map(|l| l.detail.as_str()).collect();
            eprintln!("=== {page}\n{sql}\n  {}", lines.join("\n  "));
        }
        for scan in full_scans(&plan) {
            let path = page.split(['?', ' ']).next().unwrap_or_default();
            let allowed = ALLOWED.iter().any(|(at, table, piece)| {
                path == *at && scan == format!("SCAN {table}") && sql.contains(piece)
            });
            if !allowed {
                let lines: Vec<&str> = plan.iter().map(|l| l.detail.as_str()).collect();
                failures.push(format!(
                    "page {page}\n  {scan}\n  SQL: {sql}\n  plan:\n    {}",
                    lines.join("\n    ")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} statements scan a big table:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
