//! `thidua generate`: a national-shaped database, the same for the same
//! seed, never written over existing data, and every public page serves
//! from it.

use std::collections::HashSet;

use actix_web::http::StatusCode;
use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};

use crate::helpers::*;

/// A small part of the country: enough for every kind of page.
const SCALE: f64 = 0.02;

fn generated(seed: u64) -> TestApp {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("national.db");
    thidua::generate::generate(&file, seed, SCALE).expect("generated");
    TestApp::on_file(dir, &file, false, 4)
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

/// Every row of every table (the migrations' own log aside, which holds
/// the time they ran), every column, in row order.
fn full_dump(app: &TestApp) -> Vec<String> {
    let mut conn = app.pool().get().unwrap();
    let tables: Vec<Name> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__diesel%' ORDER BY name",
    )
    .load(&mut conn)
    .unwrap();
    let mut out = Vec::new();
    // The data version starts at the clock when the file is made: a
    // counter of writes, not content.
    for table in tables
        .iter()
        .map(|t| t.name.as_str())
        .filter(|t| *t != "data_version")
    {
        let columns: Vec<Name> =
            diesel::sql_query(format!("SELECT name FROM pragma_table_info('{table}')"))
                .load(&mut conn)
                .unwrap();
        let quoted: Vec<String> = columns
            .iter()
            .map(|c| format!("quote(\"{}\")", c.name))
            .collect();
        let lines: Vec<Line> = diesel::sql_query(format!(
            "SELECT '{table} ' || {} AS line FROM \"{table}\" ORDER BY rowid",
            quoted.join(" || ',' || ")
        ))
        .load(&mut conn)
        .unwrap();
        out.extend(lines.into_iter().map(|l| l.line));
    }
    out
}

#[test]
fn the_same_seed_gives_the_same_database_and_another_seed_another() {
    let first = full_dump(&generated(7));
    let again = full_dump(&generated(7));
    assert!(
        first.len() > 10_000,
        "a real amount of data: {}",
        first.len()
    );
    assert!(first == again, "seed 7 twice gave different rows");
    let other = full_dump(&generated(8));
    assert!(first != other, "seeds 7 and 8 gave the same rows");
}

#[test]
fn a_file_with_data_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keep.db");
    std::fs::write(&file, b"somebody's data").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["generate", "--seed", "1", "--scale", "0.01", "--database"])
        .arg(&file)
        .output()
        .expect("thidua runs");
    assert!(
        !output.status.success(),
        "generate must fail on a non-empty file"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("đã có dữ liệu"), "message: {stderr}");
    assert_eq!(std::fs::read(&file).unwrap(), b"somebody's data");
}

#[derive(QueryableByName)]
struct Picked {
    #[diesel(sql_type = Integer)]
    id: i32,
    #[diesel(sql_type = Integer)]
    year: i32,
    #[diesel(sql_type = Text)]
    name: String,
}

#[actix_web::test]
async fn every_public_page_serves_from_a_generated_database() {
    let app = generated(3);
    let (cluster, commune) = {
        let mut conn = app.pool().get().unwrap();
        let cluster: Picked = diesel::sql_query(
            "SELECT c.id, y.year, c.name FROM clusters c \
             JOIN cluster_years y ON y.cluster_id = c.id \
             WHERE y.status = 'published' ORDER BY c.id, y.year DESC LIMIT 1",
        )
        .get_result(&mut conn)
        .unwrap();
        let commune: Picked = diesel::sql_query(
            "SELECT u.id, 0 AS year, u.name FROM units u \
             JOIN memberships m ON m.unit_id = u.id \
             WHERE u.kind IN ('commune', 'ward') ORDER BY u.id LIMIT 1",
        )
        .get_result(&mut conn)
        .unwrap();
        (cluster, commune)
    };
    let home = app.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    home.assert_contains(&cluster.name);
    let page = app.get(&format!("/clusters/{}", cluster.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains(&cluster.name);
    let year = app
        .get(&format!("/clusters/{}/years/{}", cluster.id, cluster.year))
        .await;
    assert_eq!(year.status, StatusCode::OK);
    year.assert_contains(&format!("năm {}", cluster.year));
    for uri in ["/awards", "/rotation"] {
        let page = app.get(uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert_well_formed(&page.body);
    }
    let query = thidua::domain::fold::fold_for_search(&commune.name).replace(' ', "+");
    let search = app.get(&format!("/search?q={query}")).await;
    assert_eq!(search.status, StatusCode::OK);
    search.assert_contains(&commune.name);
    let unit = app.get(&format!("/units/{}", commune.id)).await;
    assert_eq!(unit.status, StatusCode::OK);
    unit.assert_contains(&commune.name);
}

/// The generated years are what the editor itself would write: opening
/// one in the meeting form and saving it unchanged changes nothing.
#[actix_web::test]
async fn a_generated_year_saved_unchanged_through_the_form_stays_the_same() {
    let app = generated(5);
    let password = app.add_user("quantri", "admin", &[]);
    let admin = app.login("quantri", &password).await;
    // A published year, a year whose conference date is partial, and the
    // current draft, of the first clusters.
    let picked: Vec<Picked> = {
        let mut conn = app.pool().get().unwrap();
        diesel::sql_query(
            "SELECT * FROM ( \
               SELECT y.cluster_id AS id, y.year, '' AS name FROM cluster_years y \
               WHERE y.status = 'published' AND y.cluster_id <= 2 AND y.year IN (2010, 2024) \
               UNION SELECT y.cluster_id, y.year, '' FROM cluster_years y \
               JOIN conferences c ON c.cluster_year_id = y.id \
               WHERE c.held_on_precision <> 'day' AND y.status = 'published' \
               UNION SELECT y.cluster_id, y.year, '' FROM cluster_years y \
               WHERE y.year = 2025 AND y.cluster_id <= 2) \
             ORDER BY id, year LIMIT 8",
        )
        .load(&mut conn)
        .unwrap()
    };
    assert!(picked.len() >= 4, "years to save: {}", picked.len());
    for year in picked {
        let path = format!("/clusters/{}/years/{}/edit", year.id, year.year);
        let form = app.get_as(&path, &admin).await;
        assert_eq!(form.status, StatusCode::OK, "GET {path}");
        let mut fields = form_fields(&form.body, &path);
        fields.push(("action".into(), "save".into()));
        let before = crate::roundtrip::record_dump(&app);
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let response = app.post_as(&path, Some(&admin), &fields).await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "POST {path} unchanged: {}",
            visible_text(&response.body)
        );
        let after = crate::roundtrip::record_dump(&app);
        if before != after {
            let (was, now): (HashSet<&String>, HashSet<&String>) =
                (before.iter().collect(), after.iter().collect());
            let gone: Vec<_> = was.difference(&now).take(4).collect();
            let new: Vec<_> = now.difference(&was).take(4).collect();
            panic!("saving {path} unchanged changed rows:\n{gone:#?}\n{new:#?}");
        }
    }
}

#[actix_web::test]
async fn the_rotation_lists_the_latest_terms_and_links_the_rest() {
    let app = generated(3);
    let cluster = 1;
    let recent = thidua::rotation::RECENT_TERMS;
    let page = app.get("/rotation").await;
    let row_start = page
        .body
        .find(&format!(
            "<th scope=\"row\"><a href=\"/clusters/{cluster}\">"
        ))
        .expect("the cluster's row");
    let row = &page.body[row_start..];
    let row = &row[..row.find("</tr>").unwrap()];
    let history = &row[row.find("<ol class=\"history\">").expect("a history")..];
    assert_eq!(history.matches("<li").count(), recent, "{row}");
    let link = format!("<a href=\"/clusters/{cluster}#rotation-h\">");
    let older: usize = row[row.find(&link).expect("a link to the rest") + link.len()..]
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("how many years more");
    // The cluster's page keeps the whole history.
    let own = app.get(&format!("/clusters/{cluster}")).await;
    let rotation = &own.body[own.body.find("<ol class=\"rotation\">").unwrap()..];
    let rotation = &rotation[..rotation.find("</ol>").unwrap()];
    assert_eq!(rotation.matches("<li").count(), older + recent);
}

#[actix_web::test]
async fn the_tallies_csv_holds_every_page_of_units() {
    use thidua::schema::{award_proposals, cluster_years};
    let app = generated(3);
    let units: i64 = award_proposals::table
        .inner_join(cluster_years::table)
        .filter(cluster_years::status.eq("published"))
        .select(diesel::dsl::count(award_proposals::unit_id).aggregate_distinct())
        .first(&mut app.pool().get().unwrap())
        .unwrap();
    let page = app.get("/awards").await;
    assert!(
        units as usize
            > page
                .body
                .matches("<th scope=\"row\"><a href=\"/units/")
                .count(),
        "the table is split into pages"
    );
    let file = app.get("/awards.csv").await;
    let lines = file.body.lines().count() as i64;
    assert_eq!(lines, units + 1, "a header and one line per unit");
}
