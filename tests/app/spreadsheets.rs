//! The Excel downloads read back with calamine and compared with the
//! database and the pages: numbers are numbers, dates are dates, every
//! row of the page is there, and filters apply.

use std::io::Cursor;

use actix_web::http::StatusCode;
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;
use diesel::prelude::*;

use crate::helpers::*;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Every sheet's name and cells, in order.
pub fn read_xlsx(bytes: &[u8]) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("an xlsx file");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("a sheet");
            let rows = range.rows().map(|r| r.to_vec()).collect();
            (name, rows)
        })
        .collect()
}

/// A sheet's header row (the first whose first cell is `first`) and the
/// rows under it.
fn table<'a>(rows: &'a [Vec<Data>], first: &str) -> (Vec<String>, &'a [Vec<Data>]) {
    let at = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| *c == first))
        .unwrap_or_else(|| panic!("no header row starting {first:?}"));
    (
        rows[at].iter().map(|c| c.to_string()).collect(),
        &rows[at + 1..],
    )
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name || h.starts_with(&format!("{name} (")))
        .unwrap_or_else(|| panic!("no column {name:?} in {header:?}"))
}

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("expected a number cell, found {other:?}"),
    }
}

async fn xlsx(app: &TestApp, uri: &str) -> Vec<(String, Vec<Vec<Data>>)> {
    let file = app.download(uri, None).await;
    assert_eq!(file.status, StatusCode::OK, "GET {uri}");
    assert_eq!(file.content_type, XLSX, "GET {uri}");
    assert!(
        file.disposition.starts_with("attachment; filename=\""),
        "{}",
        file.disposition
    );
    assert!(
        file.disposition.contains(".xlsx\"; filename*=UTF-8''"),
        "{}",
        file.disposition
    );
    read_xlsx(&file.bytes)
}

#[actix_web::test]
async fn the_tallies_in_excel_are_the_csv_rows_as_numbers() {
    let app = TestApp::with_demo();
    let cluster = app.cluster_id(CENTRAL);
    let page = app.get(&format!("/awards?cluster={cluster}")).await;
    page.assert_contains(&format!("href=\"/awards.xlsx?cluster={cluster}\""));
    let sheets = xlsx(&app, &format!("/awards.xlsx?cluster={cluster}")).await;
    assert_eq!(sheets[0].0, "Khen thưởng");
    let (header, rows) = table(&sheets[0].1, "Hạng");
    let csv = app.get(&format!("/awards.csv?cluster={cluster}")).await;
    let mut reader = csv::Reader::from_reader(csv.body.trim_start_matches('\u{feff}').as_bytes());
    let csv_header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, csv_header);
    let csv_rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), csv_rows.len());
    assert!(!rows.is_empty());
    for (row, csv_row) in rows.iter().zip(&csv_rows) {
        assert_eq!(row[1].to_string(), csv_row[1]);
        page.assert_row(&[&csv_row[0], &csv_row[1]]);
        for i in (0..header.len()).filter(|i| *i != 1) {
            assert_eq!(
                number(&row[i]),
                csv_row[i].parse::<f64>().unwrap(),
                "{}",
                header[i]
            );
        }
    }
}

#[actix_web::test]
async fn a_years_tables_hold_each_figure_as_a_number_and_decisions_as_dates() {
    use thidua::schema::{award_proposals, cluster_years};
    let app = TestApp::with_demo();
    let cluster = app.cluster_id(CENTRAL);
    let mut conn = app.pool().get().unwrap();
    let year_id: i32 = cluster_years::table
        .filter(cluster_years::cluster_id.eq(cluster))
        .filter(cluster_years::year.eq(2022))
        .select(cluster_years::id)
        .first(&mut conn)
        .unwrap();
    // A decision with a full date, and one known only by its month.
    let proposals: Vec<i32> = award_proposals::table
        .filter(award_proposals::cluster_year_id.eq(year_id))
        .order(award_proposals::sort_order)
        .select(award_proposals::id)
        .load(&mut conn)
        .unwrap();
    assert!(proposals.len() >= 2);
    for (id, number, date, precision) in [
        (
            proposals[0],
            "123/QĐ-TTg",
            NaiveDate::from_ymd_opt(2023, 5, 10).unwrap(),
            "day",
        ),
        (
            proposals[1],
            "45/QĐ-UBND",
            NaiveDate::from_ymd_opt(2023, 6, 1).unwrap(),
            "month",
        ),
    ] {
        diesel::update(award_proposals::table.find(id))
            .set((
                award_proposals::status.eq("decided"),
                award_proposals::decision_number.eq(number),
                award_proposals::decision_date.eq(date),
                award_proposals::decision_date_precision.eq(precision),
            ))
            .execute(&mut conn)
            .unwrap();
    }

    let year_page = app.get(&format!("/clusters/{cluster}/years/2022")).await;
    year_page.assert_contains(&format!(
        "href=\"/clusters/{cluster}/years/2022/tables.xlsx\""
    ));
    let sheets = xlsx(&app, &format!("/clusters/{cluster}/years/2022/tables.xlsx")).await;
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.first(), Some(&"Chỉ tiêu, xếp hạng"));
    assert_eq!(names.last(), Some(&"Đề nghị khen thưởng"));

    // The figures of the cluster as a whole, as numbers.
    let whole = &sheets
        .iter()
        .find(|(n, _)| n == "Chỉ tiêu toàn Cụm")
        .unwrap()
        .1;
    let (header, rows) = table(whole, "STT");
    let area = rows.iter().find(|r| r[1] == "Diện tích tự nhiên").unwrap();
    assert_eq!(number(&area[column(&header, "Giá trị")]), 87183.5);
    year_page.assert_contains("87.183,5");
    let population = rows.iter().find(|r| r[1] == "Dân số").unwrap();
    assert_eq!(number(&population[column(&header, "Giá trị")]), 12.0);
    assert_eq!(population[column(&header, "Ghi chú")].to_string(), "trên");

    // The proposals: one row each, votes as numbers, the full date a date
    // and the partial one as the page writes it.
    let (header, rows) = table(&sheets.last().unwrap().1, "STT");
    assert_eq!(rows.len(), proposals.len());
    let number_column = column(&header, "Số quyết định");
    let date_column = column(&header, "Ngày quyết định");
    let day = rows
        .iter()
        .find(|r| r[number_column] == "123/QĐ-TTg")
        .unwrap();
    match &day[date_column] {
        Data::DateTime(d) => assert_eq!(
            d.as_datetime().unwrap().date(),
            NaiveDate::from_ymd_opt(2023, 5, 10).unwrap()
        ),
        other => panic!("a decision date as a date cell, found {other:?}"),
    }
    let month = rows
        .iter()
        .find(|r| r[number_column] == "45/QĐ-UBND")
        .unwrap();
    assert_eq!(month[date_column].to_string(), "tháng 06/2023");
    year_page.assert_contains("45/QĐ-UBND tháng 06/2023");
    for row in rows {
        year_page.assert_contains(&row[2].to_string());
        let votes = &row[column(&header, "Tán thành")];
        assert!(
            matches!(votes, Data::Empty | Data::Float(_)),
            "votes {votes:?}"
        );
    }
}

#[actix_web::test]
async fn the_rotation_in_excel_has_every_published_chair() {
    use thidua::schema::{cluster_years, clusters, units};
    let app = TestApp::with_demo();
    let sheets = xlsx(&app, "/rotation.xlsx").await;
    let (header, rows) = table(&sheets[0].1, "Cơ quan tổ chức");
    let chair = column(&header, "Cụm trưởng, Khối trưởng");
    let mut conn = app.pool().get().unwrap();
    let chairs: Vec<(String, i32, String, String)> = cluster_years::table
        .inner_join(clusters::table)
        .inner_join(units::table.on(units::id.nullable().eq(cluster_years::chair_unit_id)))
        .filter(cluster_years::status.eq("published"))
        .select((
            clusters::name,
            cluster_years::year,
            units::kind,
            units::name,
        ))
        .load(&mut conn)
        .unwrap();
    assert!(chairs.len() >= 3);
    let rotation_page = app.get("/rotation").await;
    for (cluster, year, _kind, unit) in &chairs {
        let row = rows
            .iter()
            .find(|r| r[1].to_string() == *cluster && number(&r[2]) == *year as f64)
            .unwrap_or_else(|| panic!("no row for {cluster} {year}"));
        assert!(row[chair].to_string().ends_with(unit.as_str()), "{row:?}");
        rotation_page.assert_contains(&row[chair].to_string());
    }
    let body = app.cluster_id(BAC_KAN);
    let filtered = xlsx(
        &app,
        &format!("/rotation.xlsx?body={}", body_of(&app, body)),
    )
    .await;
    let (_, filtered_rows) = table(&filtered[0].1, "Cơ quan tổ chức");
    assert!(!filtered_rows.is_empty() && filtered_rows.len() < rows.len());
    assert!(filtered_rows.iter().all(|r| r[1] == BAC_KAN));
}

fn body_of(app: &TestApp, cluster: i32) -> i32 {
    use thidua::schema::clusters;
    clusters::table
        .find(cluster)
        .select(clusters::organising_body_id)
        .first(&mut app.pool().get().unwrap())
        .unwrap()
}

#[actix_web::test]
async fn the_catalogue_lists_every_cluster_and_its_members_by_year() {
    use thidua::schema::{clusters, memberships};
    let app = TestApp::with_demo();
    let mut conn = app.pool().get().unwrap();
    let cluster_count: i64 = clusters::table.count().get_result(&mut conn).unwrap();
    let all: i64 = memberships::table.count().get_result(&mut conn).unwrap();
    let in_2021: i64 = memberships::table
        .filter(memberships::from_year.le(2021))
        .filter(
            memberships::to_year
                .is_null()
                .or(memberships::to_year.ge(2021)),
        )
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert!(0 < in_2021 && in_2021 < all);

    let sheets = xlsx(&app, "/clusters.xlsx").await;
    let (header, rows) = table(&sheets[0].1, "STT");
    assert_eq!(rows.len() as i64, cluster_count);
    let home = app.get("/").await;
    for row in rows {
        home.assert_contains(&row[column(&header, "Cụm, khối")].to_string());
    }
    let (header, members) = table(&sheets[1].1, "Cụm, khối");
    assert_eq!(members.len() as i64, all);
    let from = column(&header, "Từ năm");
    assert!(members.iter().all(|r| matches!(r[from], Data::Float(_))));

    let sheets = xlsx(&app, "/clusters.xlsx?year=2021").await;
    let (_, members) = table(&sheets[1].1, "Cụm, khối");
    assert_eq!(members.len() as i64, in_2021);
    let csv = app.get("/clusters.csv?year=2021").await;
    assert_eq!(
        csv.body.trim_start_matches('\u{feff}').lines().count() as i64,
        in_2021 + 1
    );
}

#[actix_web::test]
async fn each_members_figure_sits_under_its_indicator_as_the_number_stored() {
    use thidua::schema::{cluster_years, indicator_values, indicators, units};
    let app = TestApp::with_demo();
    let cluster = app.cluster_id(HA_TINH_2);
    let mut conn = app.pool().get().unwrap();
    let figures_year: i32 = cluster_years::table
        .filter(cluster_years::cluster_id.eq(cluster))
        .filter(cluster_years::year.eq(2021))
        .select(cluster_years::id)
        .first(&mut conn)
        .unwrap();
    let year_page = app.get(&format!("/clusters/{cluster}/years/2021")).await;
    let sheets = xlsx(&app, &format!("/clusters/{cluster}/years/2021/tables.xlsx")).await;
    // Each member's figure sits in its row, under its indicator, as the
    // number stored.
    let (header, rows) = table(&sheets[0].1, "STT");
    let members = thidua::models::Membership::of_cluster_in_year(cluster, 2021)
        .select(thidua::schema::memberships::id)
        .load::<i32>(&mut conn)
        .unwrap()
        .len() as i64;
    assert_eq!(rows.len() as i64, members, "a row per member");
    let values: Vec<(String, String, Option<String>)> = indicator_values::table
        .inner_join(indicators::table)
        .inner_join(units::table)
        .filter(indicator_values::cluster_year_id.eq(figures_year))
        .select((indicators::name, units::name, indicator_values::value))
        .load(&mut conn)
        .unwrap();
    assert!(!values.is_empty(), "the demo year has figures per member");
    for (indicator, unit, value) in &values {
        let row = rows
            .iter()
            .find(|r| r[1].to_string().ends_with(unit.as_str()))
            .unwrap_or_else(|| panic!("no row for {unit}"));
        year_page.assert_contains(&row[1].to_string());
        let cell = &row[column(&header, indicator)];
        match value {
            Some(v) => assert_eq!(
                number(cell),
                v.parse::<f64>().unwrap(),
                "{indicator}, {unit}"
            ),
            None => assert_eq!(cell, &Data::Empty),
        }
    }
}
