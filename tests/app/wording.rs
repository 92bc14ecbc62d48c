//! Each kind of conference and cluster says what it is, the printed
//! report numbers its sections without gaps, keeps proper names' capitals,
//! and the history reads as words.

use actix_web::http::StatusCode;
use diesel::prelude::*;
use thidua::schema::{cluster_years, clusters, conferences};

use crate::editor::{clerk_of_ha_tinh, full_form, post_form, units, with};
use crate::helpers::*;

fn conn(app: &TestApp) -> diesel::r2d2::PooledConnection<thidua::db::Manager> {
    app.pool().get().expect("connection")
}

fn year_id(app: &TestApp, cluster: i32, year: i32) -> i32 {
    cluster_years::table
        .filter(cluster_years::cluster_id.eq(cluster))
        .filter(cluster_years::year.eq(year))
        .select(cluster_years::id)
        .first(&mut conn(app))
        .expect("year on record")
}

/// The Roman numbers opening the print's section headings, in order.
fn section_numbers(html: &str) -> Vec<String> {
    html.split("<h2>")
        .skip(1)
        .filter_map(|h| h.split_once(". ").map(|(n, _)| n.to_string()))
        .collect()
}

fn roman_run(n: usize) -> Vec<String> {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][..n]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

#[actix_web::test]
async fn a_block_says_khoi_truong_on_screen_and_in_print() {
    let app = TestApp::with_demo();
    let id = app.cluster_id(BAC_KAN);
    diesel::update(clusters::table.find(id))
        .set(clusters::kind.eq("block"))
        .execute(&mut conn(&app))
        .unwrap();
    // The seed's minutes quote the report's own words ("Cụm phó"): only
    // the portal's words are under test.
    let year = year_id(&app, id, 2022);
    diesel::update(conferences::table.filter(conferences::cluster_year_id.eq(year)))
        .set(conferences::minutes.eq(None::<String>))
        .execute(&mut conn(&app))
        .unwrap();

    let cluster = app.get(&format!("/clusters/{id}")).await;
    cluster.assert_contains("<strong>Khối trưởng:</strong>");
    cluster.assert_contains("<strong>Khối phó:</strong>");
    cluster.assert_lacks("Cụm phó");

    let year = app.get(&format!("/clusters/{id}/years/2022")).await;
    assert!(year.definition("Khối trưởng năm 2022").is_some());
    assert!(year.definition("Khối phó năm 2022").is_some());
    year.assert_contains("Khối trưởng, Khối phó năm 2023");
    year.assert_lacks("Cụm trưởng năm");
    year.assert_lacks("Cụm phó");

    let print = app.get(&format!("/clusters/{id}/years/2022/print")).await;
    print.assert_contains("Khối trưởng năm 2022");
    print.assert_contains("KHỐI TRƯỞNG, KHỐI PHÓ NĂM 2023");
    print.assert_contains("Các đơn vị thành viên Khối;");
    print.assert_contains("<p class=\"sign-role\">KHỐI TRƯỞNG</p>");
    // The portal's own phrases (the seed's participants' titles still
    // quote "Cụm trưởng cụm thi đua").
    print.assert_lacks("Cụm trưởng năm");
    print.assert_lacks("Cụm trưởng:");
    print.assert_lacks("Cụm phó:");
    print.assert_lacks("CỤM TRƯỞNG");
    print.assert_lacks("thành viên Cụm");
}

#[actix_web::test]
async fn a_mid_year_review_is_called_so_on_the_cluster_page_and_in_print() {
    let app = TestApp::with_demo();
    let id = app.cluster_id(HA_TINH_2);
    let year = year_id(&app, id, 2021);
    diesel::update(conferences::table.filter(conferences::cluster_year_id.eq(year)))
        .set((
            conferences::kind.eq("mid_year_review"),
            conferences::title.eq(None::<String>),
        ))
        .execute(&mut conn(&app))
        .unwrap();

    let cluster = app.get(&format!("/clusters/{id}")).await;
    cluster.assert_contains("Có hồ sơ hội nghị sơ kết 6 tháng");
    cluster.assert_lacks("Có hồ sơ hội nghị tổng kết");

    let print = app.get(&format!("/clusters/{id}/years/2021/print")).await;
    assert_eq!(
        print.title(),
        "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2021 — Cụm thi đua số 2"
    );
    print.assert_contains("Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2021<br>");
    print.assert_contains("<h2>III. HỘI NGHỊ SƠ KẾT 6 THÁNG</h2>");
    print.assert_lacks("Tổng kết công tác");
}

#[actix_web::test]
async fn two_conferences_get_their_own_consecutive_sections() {
    let app = TestApp::with_demo();
    let id = app.cluster_id(CENTRAL);
    let year = year_id(&app, id, 2022);
    diesel::insert_into(conferences::table)
        .values((
            conferences::cluster_year_id.eq(year),
            conferences::kind.eq("mid_year_review"),
            conferences::held_on.eq(chrono::NaiveDate::from_ymd_opt(2022, 7, 15).unwrap()),
            conferences::locality.eq("Pleiku"),
            conferences::search_text.eq(""),
        ))
        .execute(&mut conn(&app))
        .unwrap();

    let print = app.get(&format!("/clusters/{id}/years/2022/print")).await;
    assert_eq!(print.status, StatusCode::OK);
    let numbers = section_numbers(&print.body);
    assert_eq!(numbers, roman_run(numbers.len()), "{numbers:?}");
    print.assert_contains("<h2>III. HỘI NGHỊ SƠ KẾT 6 THÁNG</h2>");
    print.assert_contains("<h2>IV. HỘI NGHỊ TỔNG KẾT GIAO ƯỚC THI ĐUA NĂM 2022");
    print.assert_contains("<h2>V. BÌNH XÉT, SUY TÔN");
    // The year-end conference still titles and dates the report.
    print.assert_contains("Tổng kết công tác thi đua, khen thưởng năm 2022<br>");

    let cluster = app.get(&format!("/clusters/{id}")).await;
    cluster.assert_contains("Có hồ sơ hội nghị sơ kết 6 tháng và hội nghị tổng kết năm");
}

#[actix_web::test]
async fn a_year_without_a_conference_skips_no_number() {
    let app = TestApp::with_demo();
    let id = app.cluster_id(BAC_KAN);
    let year = year_id(&app, id, 2022);
    diesel::delete(conferences::table.filter(conferences::cluster_year_id.eq(year)))
        .execute(&mut conn(&app))
        .unwrap();

    let print = app.get(&format!("/clusters/{id}/years/2022/print")).await;
    assert_eq!(print.status, StatusCode::OK);
    let numbers = section_numbers(&print.body);
    assert!(numbers.len() >= 4, "{numbers:?}");
    assert_eq!(numbers, roman_run(numbers.len()), "{numbers:?}");
    print.assert_contains("<h2>III. BÌNH XÉT, SUY TÔN");
}

#[actix_web::test]
async fn the_print_keeps_proper_names_capitals() {
    let app = TestApp::with_demo();
    let id = app.cluster_id(CENTRAL);
    let year = year_id(&app, id, 2022);
    let title =
        "Hội nghị tổng kết Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung năm 2022";
    diesel::update(conferences::table.filter(conferences::cluster_year_id.eq(year)))
        .set(conferences::title.eq(title))
        .execute(&mut conn(&app))
        .unwrap();

    let print = app.get(&format!("/clusters/{id}/years/2022/print")).await;
    print.assert_contains(&format!("tổ chức {title}."));
    print.assert_contains("của Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung</p>");
    print.assert_lacks("tây nguyên");
}

#[actix_web::test]
async fn the_history_reads_as_words_without_phantom_changes() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let draft = with(&full_form(&s, &u), &[("status", "draft")]);
    assert_eq!(
        post_form(&s, 2022, &draft, &s.session.csrf).await.status,
        StatusCode::SEE_OTHER
    );
    // Published, the vice chair changed, and the blank spare rows a
    // browser sends with every form.
    let cam_xuyen = u.cam_xuyen.to_string();
    let conference: i32 = conferences::table
        .filter(conferences::cluster_year_id.eq(year_id(&s.app, s.cluster, 2022)))
        .select(conferences::id)
        .first(&mut conn(&s.app))
        .expect("the meeting saved");
    let conference = conference.to_string();
    let published = with(
        &full_form(&s, &u),
        &[
            ("version", "2"),
            ("conference_id", &conference),
            ("vice_unit", &cam_xuyen),
            ("p2_role", "guest"),
            ("p2_name", ""),
            ("p2_title", ""),
            ("m1_name", ""),
            ("a1_unit", ""),
            ("a1_kind", ""),
            ("i1_name", ""),
        ],
    );
    assert_eq!(
        post_form(&s, 2022, &published, &s.session.csrf)
            .await
            .status,
        StatusCode::SEE_OTHER
    );

    let page = s
        .app
        .get_as(
            &format!("/clusters/{}/years/2022/history", s.cluster),
            &s.session,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let newest = page
        .body
        .split("<li>")
        .nth(1)
        .and_then(|e| e.split("</li>").next())
        .expect("the newest event");
    // Each change is a row: what changed, before, after.
    let changes = table_rows(newest);
    let expected = [
        ["Mục", "Trước", "Sau"],
        ["Trạng thái", "Nháp", "Công bố"],
        ["Cụm phó", "huyện Kỳ Anh", "huyện Cẩm Xuyên"],
    ];
    assert_eq!(changes, expected, "only the two real changes: {newest}");
    let cells: Vec<String> = page.rows().concat();
    for id in [u.loc_ha, u.ky_anh, u.cam_xuyen, u.provincial_flag] {
        assert!(!cells.contains(&id.to_string()), "raw id {id}");
    }
    assert!(!page.body.contains("year_end_summary"), "a raw code");
    assert!(
        !cells.iter().any(|cell| cell.ends_with(" dòng")),
        "rows counted, not named"
    );
}

#[actix_web::test]
async fn a_conference_added_to_a_year_shows_its_kind_only_as_new() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let response = post_form(&s, 2022, &full_form(&s, &u), &s.session.csrf).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    let page = s
        .app
        .get_as(
            &format!("/clusters/{}/years/2022/history", s.cluster),
            &s.session,
        )
        .await;
    // The year had no conference: its kind was nothing before, not the
    // blank form's suggestion.
    assert!(
        !page
            .rows()
            .concat()
            .iter()
            .any(|cell| cell == "Hội nghị sơ kết 6 tháng"),
        "{}",
        visible_text(&page.body)
    );
}

#[actix_web::test]
async fn a_blocks_rotation_row_and_its_chairs_unit_page_say_khoi_truong() {
    let app = TestApp::with_demo();
    let id = app.cluster_id(BAC_KAN);
    diesel::update(clusters::table.find(id))
        .set(clusters::kind.eq("block"))
        .execute(&mut conn(&app))
        .unwrap();
    let rotation = app.get("/rotation").await;
    let row_start = rotation
        .body
        .find(&format!("<a href=\"/clusters/{id}\">"))
        .expect("the block's row");
    let row =
        &rotation.body[row_start..row_start + rotation.body[row_start..].find("</tr>").unwrap()];
    assert!(row.contains("Khối phó:"), "{row}");
    assert!(
        !row.contains("Cụm phó") && !row.contains("Cụm trưởng"),
        "{row}"
    );
    let na_ri = app.unit_id("Na Rì", "district");
    let unit = app.get(&format!("/units/{na_ri}")).await;
    unit.assert_contains("Khối trưởng");
}

#[actix_web::test]
async fn a_search_names_a_blocks_chair_as_khoi_truong() {
    let app = TestApp::with_demo();
    let id = app.cluster_id(BAC_KAN);
    diesel::update(clusters::table.find(id))
        .set(clusters::kind.eq("block"))
        .execute(&mut conn(&app))
        .unwrap();
    let found = app.get("/search?q=duong+huu+buong").await;
    found.assert_contains("Đại diện đơn vị Khối trưởng năm 2022");
    found.assert_lacks("Đại diện đơn vị Cụm trưởng");
}

#[actix_web::test]
async fn a_blocks_form_refuses_with_khoi_words_and_the_nav_names_both() {
    let s = clerk_of_ha_tinh().await;
    diesel::update(clusters::table.find(s.cluster))
        .set(clusters::kind.eq("block"))
        .execute(&mut conn(&s.app))
        .unwrap();
    let u = units(&s.app);
    let same = u.loc_ha.to_string();
    let form = with(
        &full_form(&s, &u),
        &[
            ("chair_unit", &same),
            ("vice_unit", &same),
            ("next_chair", &same),
            ("next_vice", &same),
        ],
    );
    let response = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = visible_text(&response.body);
    assert!(
        text.matches("Khối phó phải khác Khối trưởng.").count() == 2,
        "{text}"
    );
    assert!(!text.contains("Cụm phó phải khác"), "{text}");
    // The site's navigation covers clusters and blocks alike.
    response.assert_contains("Luân phiên Cụm trưởng, Khối trưởng");
}
