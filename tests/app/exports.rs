//! Files to download: the award tallies as CSV, with the page's filters.

use actix_web::http::StatusCode;
use diesel::prelude::*;

use crate::helpers::*;

/// The CSV's header and rows, the byte-order mark checked and removed.
fn read_csv(body: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let text = body
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark, so that Excel reads UTF-8");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// Published proposals, of one cluster or all.
fn published_proposals(app: &TestApp, cluster: Option<i32>) -> i64 {
    use thidua::schema::{award_proposals, cluster_years};
    let mut query = award_proposals::table
        .inner_join(cluster_years::table)
        .filter(cluster_years::status.eq("published"))
        .into_boxed();
    if let Some(cluster) = cluster {
        query = query.filter(cluster_years::cluster_id.eq(cluster));
    }
    query
        .count()
        .get_result(&mut app.pool().get().unwrap())
        .unwrap()
}

#[actix_web::test]
async fn the_tallies_download_as_csv_with_every_unit_the_filters_select() {
    let app = TestApp::with_demo();
    let page = app.get("/awards").await;
    page.assert_contains("href=\"/awards.csv\"");

    let file = app.get("/awards.csv").await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.content_type, "text/csv; charset=utf-8");
    let (header, rows) = read_csv(&file.body);
    assert_eq!(&header[..2], ["Hạng", "Đơn vị"]);
    assert_eq!(
        &header[header.len() - 2..],
        ["Tổng — đề nghị", "Tổng — quyết định"]
    );
    assert!(
        header
            .iter()
            .any(|h| h.ends_with(" — quyết định") && h.starts_with("Cờ"))
    );
    // Every unit of the table, each on the page, ranked from 1.
    assert_eq!(rows.len(), ranked_rows(&page.body).len());
    assert_eq!(rows[0][0], "1");
    for row in &rows {
        page.assert_row(&[&row[0], &row[1]]);
        assert_eq!(row.len(), header.len());
    }
    // The totals are numbers that add up to every published proposal.
    let proposed = header.len() - 2;
    let total: i64 = rows
        .iter()
        .map(|r| r[proposed].parse::<i64>().unwrap())
        .sum();
    assert_eq!(total, published_proposals(&app, None));

    // The page's filters apply, and its link carries them.
    let cluster = app.cluster_id(BAC_KAN);
    let filtered_page = app.get(&format!("/awards?cluster={cluster}")).await;
    filtered_page.assert_contains(&format!("href=\"/awards.csv?cluster={cluster}\""));
    let (header, rows) = read_csv(
        &app.get(&format!("/awards.csv?cluster={cluster}"))
            .await
            .body,
    );
    let proposed = header.len() - 2;
    let total: i64 = rows
        .iter()
        .map(|r| r[proposed].parse::<i64>().unwrap())
        .sum();
    assert_eq!(total, published_proposals(&app, Some(cluster)));
    assert!(
        rows.len()
            < page
                .body
                .matches("<th scope=\"row\"><a href=\"/units/")
                .count()
    );
}
