//! Every page answers with the facts of the seed reports.

use actix_web::http::StatusCode;
use chrono::Datelike;

use crate::helpers::*;

async fn page_ok(app: &TestApp, uri: &str) -> Page {
    let page = app.get(uri).await;
    assert_eq!(page.status, StatusCode::OK, "GET {uri}");
    assert!(
        page.content_type.starts_with("text/html"),
        "{uri}: {}",
        page.content_type
    );
    assert_well_formed(&page.body);
    page
}

#[actix_web::test]
async fn home_lists_clusters_by_body_with_their_current_chair() {
    let app = TestApp::with_demo();
    let page = page_ok(&app, "/").await;
    for name in [HA_TINH_2, BAC_KAN, BINH_DINH, CENTRAL, PHUOC_SON] {
        page.assert_contains(name);
    }
    page.assert_contains("Ủy ban nhân dân tỉnh Hà Tĩnh");
    page.assert_contains("Hội đồng Thi đua - Khen thưởng Trung ương");
    page.assert_contains("Cụm trưởng năm 2022: <a href=\"/units/");
    page.assert_contains("huyện Lộc Hà");
    page.assert_contains("Cụm trưởng năm 2023: <a href=\"/units/");
    page.assert_contains("tỉnh Bình Định");
    // Latest conferences, newest first.
    let newest = page.body.find("30/03/2023").expect("central conference");
    let older = page.body.find("07/01/2022").expect("Hà Tĩnh conference");
    assert!(newest < older);
}

#[actix_web::test]
async fn cluster_page_shows_members_rotation_and_who_has_not_chaired() {
    let app = TestApp::with_demo();
    let id = app.cluster_id(HA_TINH_2);
    let page = page_ok(&app, &format!("/clusters/{id}")).await;
    for member in [
        "huyện Vũ Quang",
        "huyện Hương Sơn",
        "huyện Hương Khê",
        "huyện Lộc Hà",
        "huyện Cẩm Xuyên",
        "huyện Kỳ Anh",
    ] {
        page.assert_contains(member);
    }
    page.assert_contains("Bùi Khắc Bằng");
    page.assert_contains("Được bàn giao");
    let not_yet = &page.body[page
        .body
        .find("Chưa làm Cụm trưởng")
        .expect("who has not chaired")..];
    assert!(not_yet.contains("huyện Hương Sơn") && not_yet.contains("huyện Kỳ Anh"));
    assert!(!not_yet.contains("huyện Vũ Quang") && !not_yet.contains("huyện Lộc Hà"));
}

#[actix_web::test]
async fn cluster_page_totals_awards() {
    let app = TestApp::with_demo();
    let id = app.cluster_id(CENTRAL);
    let page = page_ok(&app, &format!("/clusters/{id}")).await;
    page.assert_row(&["Cờ thi đua của Chính phủ", "2", "0"]);
    page.assert_row(&["Bằng khen của Thủ tướng Chính phủ", "2", "0"]);
}

#[actix_web::test]
async fn ha_tinh_2021_summary_hands_the_chair_to_loc_ha() {
    let app = TestApp::with_demo();
    let id = app.cluster_id(HA_TINH_2);
    let page = page_ok(&app, &format!("/clusters/{id}/years/2021")).await;
    assert_eq!(page.title(), "Cụm thi đua số 2 — năm 2021 — Thi đua");
    page.assert_contains("07/01/2022");
    page.assert_contains("Bùi Khắc Bằng");
    page.assert_contains("Nguyễn Văn Hùng");
    page.assert_contains("gần 8,3");
    page.assert_contains("tăng 6,42% so với cùng kỳ");
    page.assert_contains("bằng 107,7% so với cùng kỳ");
    page.assert_contains("đạt 108,1% kế hoạch");
    let next = &page.body[page
        .body
        .find("Cụm trưởng, Cụm phó năm 2022")
        .expect("next year's chair")..];
    assert!(next.contains("huyện Lộc Hà") && next.contains("Được bàn giao"));
    page.assert_contains("Giao ước thi đua năm 2022");
}

#[actix_web::test]
async fn binh_dinh_2022_summary_keeps_figures_as_reported() {
    let app = TestApp::with_demo();
    let id = app.cluster_id(BINH_DINH);
    let page = page_ok(&app, &format!("/clusters/{id}/years/2022")).await;
    page.assert_contains("Đoàn kết - Đổi mới - Sáng tạo - Thi đua xây dựng và bảo vệ Tổ quốc");
    page.assert_contains("ước đạt 772");
    page.assert_contains("tăng 11% so với cùng kỳ");
    page.assert_contains("ước đạt 1.854");
    page.assert_contains("tăng 3,5% so với cùng kỳ");
    page.assert_contains("ước đạt trên 2.636");
    page.assert_contains("525,2");
    page.assert_contains("tăng 3,28% so với cùng kỳ");
    page.assert_contains("đạt 100% kế hoạch");
    page.assert_contains("Chung tay xây dựng nông thôn mới");
    page.assert_contains("Nguyễn Xuân Vĩnh");
    page.assert_contains("07/02/2023");
    let awards = &page.body[page.body.find("đề nghị khen thưởng").expect("awards")..];
    assert!(
        awards.contains("huyện An Lão") && awards.contains("Cờ thi đua của Ủy ban nhân dân tỉnh")
    );
    page.assert_contains("Giao ước thi đua năm 2023");
}

#[actix_web::test]
async fn bac_kan_2022_summary_records_the_unanimous_vote_and_the_2023_chair() {
    let app = TestApp::with_demo();
    let id = app.cluster_id(BAC_KAN);
    let page = page_ok(&app, &format!("/clusters/{id}/years/2022")).await;
    page.assert_contains("Dương Hữu Bường");
    page.assert_contains("Nông Văn Nguyên");
    page.assert_contains("trên 400");
    let row = |unit: &str| page.row_of(unit).join(" | ");
    let na_ri = row("huyện Na Rì");
    assert!(
        na_ri.contains("Cờ thi đua của Ủy ban nhân dân tỉnh") && na_ri.contains("Thống nhất"),
        "{na_ri}"
    );
    for unit in ["huyện Chợ Mới", "huyện Pác Nặm"] {
        let r = row(unit);
        assert!(
            r.contains("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
            "{r}"
        );
    }
    let next = &page.body[page
        .body
        .find("Cụm trưởng, Cụm phó năm 2023")
        .expect("2023 chair")..];
    let chair = next.find("huyện Na Rì").expect("Na Rì chairs 2023");
    let vice = next
        .find("huyện Pác Nặm")
        .expect("Pác Nặm is vice chair 2023");
    assert!(chair < vice);
    assert!(next.contains("Được bầu"));
}

#[actix_web::test]
async fn central_cluster_2022_proposes_two_government_flags_and_a_chair_for_decision() {
    let app = TestApp::with_demo();
    let id = app.cluster_id(CENTRAL);
    let page = page_ok(&app, &format!("/clusters/{id}/years/2022")).await;
    page.assert_contains("87.183,5");
    page.assert_contains("km²");
    page.assert_contains("trên 12");
    page.assert_contains("1.544");
    page.assert_contains("Trần Quốc Tỏ");
    page.assert_contains("Thứ trưởng Bộ Công an");
    page.assert_contains("Sáng 30/03/2023");
    let rows_of = |award: &str| {
        page.rows()
            .iter()
            .filter(|row| row.iter().any(|cell| cell == award))
            .count()
    };
    assert_eq!(rows_of("Cờ thi đua của Chính phủ"), 2);
    assert_eq!(rows_of("Bằng khen của Thủ tướng Chính phủ"), 2);
    let next = &page.body[page
        .body
        .find("Cụm trưởng, Cụm phó năm 2023")
        .expect("2023 chair")..];
    let chair = next.find("tỉnh Bình Định").expect("Bình Định chairs 2023");
    let vice = next
        .find("tỉnh Lâm Đồng")
        .expect("Lâm Đồng is vice chair 2023");
    assert!(chair < vice);
    assert!(next.contains("đề nghị cấp trên quyết định"));
}

#[actix_web::test]
async fn phuoc_son_2022_is_a_whole_district_group() {
    let app = TestApp::with_demo();
    let id = app.cluster_id(PHUOC_SON);
    let page = page_ok(&app, &format!("/clusters/{id}/years/2022")).await;
    page.assert_contains("10/03/2023");
    page.assert_contains("Lê Quang Trung");
    page.assert_contains("Đoàn Văn Thông");
    page.assert_contains("12/12");
    page.assert_contains("giai đoạn 2021–2025");
}

#[actix_web::test]
async fn printed_report_has_the_official_layout() {
    let app = TestApp::with_demo();
    let id = app.cluster_id(BAC_KAN);
    let page = page_ok(&app, &format!("/clusters/{id}/years/2022/print")).await;
    // The facts that come from the records, each where an official report
    // puts it (the template's own words, such as the national motto, prove
    // nothing and are not looked for).
    let text = visible_text(&page.body);
    let at = |fact: &str| -> usize {
        text.find(fact)
            .unwrap_or_else(|| panic!("{fact:?} not on the print:\n{text}"))
    };
    // Top left: the issuing body over the cluster; then the place and the
    // meeting's date; then the title with its subject.
    let title = at("BÁO CÁO");
    assert!(at("UBND TỈNH BẮC KẠN") < at("CỤM THI ĐUA CÁC HUYỆN, THÀNH PHỐ"));
    assert!(at("CỤM THI ĐUA CÁC HUYỆN, THÀNH PHỐ") < at("Bắc Kạn, ngày 07 tháng 02 năm 2023"));
    assert!(at("Bắc Kạn, ngày 07 tháng 02 năm 2023") < title);
    assert!(
        text[title..].starts_with(
            "BÁO CÁO Tổng kết công tác thi đua, khen thưởng năm 2022 của Cụm thi đua các huyện, thành phố"
        ),
        "{}",
        &text[title..title + 120]
    );
    // At the end: the recipients name the province's board, and the
    // signature is this year's chair and who spoke for it.
    assert!(at("Nơi nhận:") < at("Ban Thi đua - Khen thưởng tỉnh Bắc Kạn"));
    assert!(
        text.trim_end()
            .ends_with("CỤM TRƯỞNG thành phố Bắc Kạn Dương Hữu Bường"),
        "{}",
        &text[text.len().saturating_sub(200)..]
    );
    page.assert_contains(thidua::web::assets::url("report.css"));
    page.assert_lacks("site-nav");
    // And the year page links to it.
    let year = page_ok(&app, &format!("/clusters/{id}/years/2022")).await;
    year.assert_contains(&format!(
        "href=\"/clusters/{id}/years/2022/print\">In báo cáo</a>"
    ));

    let central = app.cluster_id(CENTRAL);
    let page = page_ok(&app, &format!("/clusters/{central}/years/2022/print")).await;
    let text = visible_text(&page.body);
    let date = text
        .find("Buôn Ma Thuột, ngày 30 tháng 3 năm 2023")
        .expect("the central cluster's place and date");
    assert!(date < text.find("BÁO CÁO").unwrap());
    page.assert_contains("Đơn vị tính");
}

#[actix_web::test]
async fn unit_page_shows_terms_awards_figures_and_successor() {
    let app = TestApp::with_demo();
    let na_ri = app.unit_id("Na Rì", "district");
    let page = page_ok(&app, &format!("/units/{na_ri}")).await;
    assert_eq!(page.title(), "Huyện Na Rì — Thi đua");
    page.assert_contains(BAC_KAN);
    page.assert_row(&["2022", "Cụm phó"]);
    page.assert_row(&["2023", "Cụm trưởng"]);
    page.assert_contains("Cờ thi đua của Ủy ban nhân dân tỉnh");

    let hoai_an = app.unit_id("Hoài Ân", "district");
    let page = page_ok(&app, &format!("/units/{hoai_an}")).await;
    page.assert_contains("ước đạt trên 2.636 tỷ đồng");
    page.assert_contains("tăng 8,1% so với cùng kỳ");

    let binh_dinh = app.unit_id("Bình Định", "province");
    let page = page_ok(&app, &format!("/units/{binh_dinh}")).await;
    page.assert_contains("Đơn vị kế thừa");
    page.assert_contains("tỉnh Gia Lai");
    page.assert_contains("huyện An Lão");
}

#[actix_web::test]
async fn award_tally_ranks_flags_first_and_filters() {
    let app = TestApp::with_demo();
    let page = page_ok(&app, "/awards").await;
    let position = |unit: &str| page.row_index(unit);
    // Government flags (proposed) before provincial flags before certificates.
    assert!(position("tỉnh Bình Định") < position("huyện Na Rì"));
    assert!(position("huyện Na Rì") < position("tỉnh Quảng Ngãi"));
    assert!(position("tỉnh Quảng Ngãi") < position("huyện Chợ Mới"));
    // Eight proposals on record, none decided yet.
    let foot = foot_cells(&page.body);
    assert_eq!(foot.first().map(String::as_str), Some("Cộng"), "{foot:?}");
    assert_eq!(foot[foot.len() - 2..], ["8", "0"], "{foot:?}");

    let bac_kan = app.cluster_id(BAC_KAN);
    let page = page_ok(&app, &format!("/awards?cluster={bac_kan}")).await;
    page.assert_contains("huyện Na Rì");
    page.assert_lacks("tỉnh Bình Định</a>");

    let page = page_ok(&app, "/awards?from=2023&to=2030").await;
    page.assert_contains("Không có đề nghị khen thưởng nào phù hợp");

    let page = page_ok(&app, "/awards?from=abc&cluster=").await;
    page.assert_contains("Đã bỏ qua giá trị không hợp lệ ở: Từ năm");
    page.assert_contains("value=\"abc\"");
    page.assert_contains("tỉnh Bình Định");
}

#[actix_web::test]
async fn rotation_shows_this_year_next_year_and_history() {
    let app = TestApp::with_demo();
    let page = page_ok(&app, "/rotation").await;
    let year = chrono::Local::now().year();
    page.assert_contains(&format!("Cụm trưởng năm {year}"));
    page.assert_contains("Năm tiếp theo");
    page.assert_contains("2022</a>: huyện Lộc Hà");
    page.assert_contains("2023</a>: huyện Na Rì (Cụm phó: huyện Pác Nặm)");
    page.assert_contains("2023</a>: tỉnh Bình Định (Cụm phó: tỉnh Lâm Đồng)");
}

#[actix_web::test]
async fn a_draft_year_is_not_public() {
    use diesel::prelude::*;
    use thidua::schema::cluster_years;
    let app = TestApp::with_demo();
    let id = app.cluster_id(HA_TINH_2);
    let mut conn = app.pool().get().unwrap();
    diesel::insert_into(cluster_years::table)
        .values((
            cluster_years::cluster_id.eq(id),
            cluster_years::year.eq(2024),
            cluster_years::theme.eq("Chủ đề bản nháp"),
            cluster_years::status.eq("draft"),
        ))
        .execute(&mut conn)
        .unwrap();
    assert_eq!(
        app.get(&format!("/clusters/{id}/years/2024")).await.status,
        StatusCode::NOT_FOUND
    );
    let page = page_ok(&app, &format!("/clusters/{id}")).await;
    page.assert_lacks("/years/2024");
}

#[actix_web::test]
async fn static_files_are_cached_and_pages_carry_security_headers() {
    let app = TestApp::with_demo();
    let actix =
        actix_web::test::init_service(thidua::web::app::build_app(app.config.clone())).await;
    let response = actix_web::test::call_service(
        &actix,
        actix_web::test::TestRequest::get()
            .uri("/static/thidua.css")
            .to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers().get("cache-control").unwrap(),
        "public, max-age=86400"
    );
    let response = actix_web::test::call_service(
        &actix,
        actix_web::test::TestRequest::get().uri("/").to_request(),
    )
    .await;
    let csp = response
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(
        response.headers().get("x-content-type-options").unwrap(),
        "nosniff"
    );
}

#[actix_web::test]
async fn an_empty_database_still_serves_every_page() {
    let app = TestApp::empty();
    for uri in ["/", "/awards", "/rotation", "/search?q=loc"] {
        page_ok(&app, uri).await;
    }
}

#[actix_web::test]
async fn a_second_term_before_everyone_has_chaired_is_flagged() {
    use diesel::prelude::*;
    use thidua::schema::cluster_years;
    let app = TestApp::with_demo();
    let id = app.cluster_id(HA_TINH_2);
    let vu_quang = app.unit_id("Vũ Quang", "district");
    let mut conn = app.pool().get().unwrap();
    diesel::insert_into(cluster_years::table)
        .values((
            cluster_years::cluster_id.eq(id),
            cluster_years::year.eq(2023),
            cluster_years::chair_unit_id.eq(vu_quang),
            cluster_years::status.eq("published"),
        ))
        .execute(&mut conn)
        .unwrap();
    let page = page_ok(&app, &format!("/clusters/{id}")).await;
    let warning = page
        .body
        .find("làm Cụm trưởng lần thứ hai")
        .expect("rotation warning");
    let year_2023 = page
        .body
        .find("/years/2023\">2023</a>")
        .expect("2023 in the timeline");
    assert!(year_2023 < warning);
    let before = page_ok(&app, &format!("/clusters/{}", app.cluster_id(BAC_KAN))).await;
    before.assert_lacks("làm Cụm trưởng lần thứ hai");
}
