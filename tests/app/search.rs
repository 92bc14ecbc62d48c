//! Search ignores case, diacritics and the Unicode normal form.

use unicode_normalization::UnicodeNormalization;

use crate::helpers::*;

async fn search(app: &TestApp, q: &str) -> Page {
    let encoded: String = q
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let page = app.get(&format!("/search?q={encoded}")).await;
    assert_eq!(page.status, actix_web::http::StatusCode::OK, "search {q:?}");
    assert_well_formed(&page.body);
    page
}

#[actix_web::test]
async fn finds_units_with_or_without_diacritics_and_in_nfd() {
    let app = TestApp::with_demo();
    let nfd: String = "Lộc Hà".nfd().collect();
    assert_ne!(nfd, "Lộc Hà");
    for q in ["loc ha", "Lộc Hà", "LỘC HÀ", nfd.as_str(), "  loc   HA "] {
        let page = search(&app, q).await;
        page.assert_contains("huyện Lộc Hà</a>");
    }
    let page = search(&app, "dak lak").await;
    page.assert_contains("tỉnh Đắk Lắk</a>");
    page.assert_lacks("tỉnh Đắk Nông</a>");
}

#[actix_web::test]
async fn finds_clusters_people_and_conferences() {
    let app = TestApp::with_demo();
    search(&app, "trung du mien nui")
        .await
        .assert_contains(BINH_DINH);
    let page = search(&app, "bui khac bang").await;
    page.assert_contains("Bùi Khắc Bằng");
    page.assert_contains("Đại diện đơn vị Cụm trưởng năm 2021");
    let page = search(&app, "tran quoc to").await;
    page.assert_contains("Thứ trưởng Bộ Công an");
    search(&app, "buon ma thuot")
        .await
        .assert_contains("Hội nghị tổng kết giao ước thi đua năm 2022");
}

#[actix_web::test]
async fn odd_queries_neither_fail_nor_match_everything() {
    let app = TestApp::with_demo();
    search(&app, "zzzz")
        .await
        .assert_contains("Không tìm thấy kết quả nào");
    search(&app, "%")
        .await
        .assert_contains("Không tìm thấy kết quả nào");
    search(&app, "_")
        .await
        .assert_contains("Không tìm thấy kết quả nào");
    let page = search(&app, "<script>alert(1)</script>").await;
    page.assert_lacks("<script>alert(1)</script>");
    page.assert_contains("&#60;script&#62;");
    let page = app.get("/search").await;
    page.assert_lacks("Không tìm thấy");
    let long = "a".repeat(5000);
    search(&app, &long).await;
}
