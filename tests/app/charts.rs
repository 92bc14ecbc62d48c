//! The charts of the cluster, unit and tallies pages: drawn as SVG with a
//! title and a description, the same numbers in a table beside them, and
//! no serious accessibility fault (axe-core in Chromium).

use actix_web::http::StatusCode;
use diesel::prelude::*;

use crate::browser::{run_script, start_server};
use crate::helpers::*;

const TAN_LAP: &str = "Cụm thi đua các xã vùng ven huyện Tân Lập";

fn app_with_history() -> TestApp {
    let app = TestApp::with_demo();
    let data = thidua::db::loader::parse(include_str!("fixtures/unit_history.toml")).unwrap();
    thidua::db::loader::load(&mut app.pool().get().unwrap(), &data).unwrap();
    app
}

fn unit_id(app: &TestApp, name: &str) -> i32 {
    use thidua::schema::units;
    units::table
        .filter(units::name.eq(name))
        .select(units::id)
        .first(&mut app.pool().get().unwrap())
        .unwrap()
}

/// The SVG whose title is `title`, from its opening tag to its end.
fn svg<'a>(html: &'a str, title: &str) -> &'a str {
    let at = html
        .find(&format!("-title\">{title}</title>"))
        .unwrap_or_else(|| panic!("no chart titled {title:?}"));
    let start = html[..at].rfind("<svg").unwrap();
    let end = at + html[at..].find("</svg>").unwrap();
    &html[start..end]
}

/// The numbers of an attribute over the SVG's elements of one kind.
fn attr_values(svg: &str, element: &str, attr: &str) -> Vec<i32> {
    svg.match_indices(&format!("<{element} "))
        .map(|(i, _)| {
            let tag = &svg[i..i + svg[i..].find('>').unwrap()];
            let marker = format!(" {attr}=\"");
            let at = tag.find(&marker).unwrap() + marker.len();
            tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
        })
        .collect()
}

#[actix_web::test]
async fn the_cluster_page_charts_awards_per_year_and_the_chairs_over_the_years() {
    let app = TestApp::with_demo();
    let id = app.cluster_id(BAC_KAN);
    let page = app.get(&format!("/clusters/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let chart = svg(
        &page.body,
        &format!("Đề nghị và quyết định khen thưởng theo năm của {BAC_KAN}"),
    );
    assert!(chart.contains("role=\"img\""));
    // Three proposals in 2022, none decided yet: said in the description,
    // on the bar, and in the table beneath.
    assert!(
        chart.contains(
            "Các năm 2022 đến 2022: tổng cộng 3 đề nghị, 0 đã có quyết định khen thưởng."
        )
    );
    assert!(chart.contains("<title>2022 — Đề nghị: 3 lượt</title>"));
    page.assert_row(&["2022", "3", "0"]);

    let timeline = svg(&page.body, "Cụm trưởng qua các năm");
    let first = timeline
        .find("thành phố Bắc Kạn · phó: huyện Na Rì")
        .expect("2022's chair");
    let second = timeline
        .find("huyện Na Rì · phó: huyện Pác Nặm")
        .expect("2023's chair");
    assert!(first < second, "years in order");
}

#[actix_web::test]
async fn the_unit_page_charts_its_ranks_awards_and_repeated_indicators() {
    let app = app_with_history();
    let unit = unit_id(&app, "Thạnh An");
    let page = app.get(&format!("/units/{unit}")).await;
    assert_eq!(page.status, StatusCode::OK);

    let ranks = svg(
        &page.body,
        &format!("Xếp hạng của xã Thạnh An trong {TAN_LAP}"),
    );
    assert!(ranks.contains("Năm 2021 hạng 2/4; năm 2022 hạng 1/4; năm 2023 hạng 3/4."));
    // First place drawn highest: 2022 above 2021 above 2023.
    let y = attr_values(ranks, "circle", "cy");
    assert_eq!(y.len(), 3);
    assert!(y[1] < y[0] && y[0] < y[2], "{y:?}");

    let awards = svg(&page.body, "Khen thưởng của xã Thạnh An theo năm");
    assert!(
        awards.contains(
            "Năm 2022: 1 đề nghị, 1 đã quyết định; năm 2023: 1 đề nghị, 0 đã quyết định."
        )
    );

    let budget = svg(&page.body, "Thu ngân sách xã qua các năm (triệu đồng)");
    assert!(budget.contains(
        "Năm 2021: 1.250,5 triệu đồng; năm 2022: 1.480 triệu đồng; năm 2023: 1.712,25 triệu đồng."
    ));
    // The bars grow with the figures.
    let heights = attr_values(budget, "rect", "height");
    assert!(
        heights[0] < heights[1] && heights[1] < heights[2],
        "{heights:?}"
    );
    page.assert_row(&["2023", "1.712,25"]);

    // A unit ranked in one year only (An Lão, first in 2022) has its rank
    // in the table and no line of one point.
    let once = app
        .get(&format!("/units/{}", unit_id(&app, "An Lão")))
        .await;
    assert_eq!(once.status, StatusCode::OK);
    once.assert_contains("Hạng 1");
    assert!(
        !once.body.contains("-title\">Xếp hạng của"),
        "a chart of one point"
    );
}

#[test]
fn pages_with_charts_have_no_serious_accessibility_fault() {
    let app = app_with_history();
    let base = start_server(&app);
    let cluster = app.cluster_id(TAN_LAP);
    let bac_kan = app.cluster_id(BAC_KAN);
    let unit = unit_id(&app, "Thạnh An");
    let paths = [
        "/".to_string(),
        format!("/clusters/{cluster}"),
        format!("/clusters/{bac_kan}"),
        format!("/clusters/{bac_kan}/years/2022"),
        format!("/units/{unit}"),
        "/awards".to_string(),
        "/rotation".to_string(),
    ];
    let mut args = vec![base.as_str()];
    args.extend(paths.iter().map(String::as_str));
    let out = run_script("axe_pages.mjs", &args);
    assert_eq!(out.matches("AXE ").count(), paths.len(), "{out}");
}
