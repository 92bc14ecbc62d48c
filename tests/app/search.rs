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

/// Adds clusters with the given names to the demo's first organising body.
fn add_clusters(app: &TestApp, names: &[&str]) {
    use diesel::prelude::*;
    use thidua::domain::fold::fold_for_search;
    use thidua::schema::{clusters, organising_bodies};
    let mut conn = app.pool().get().expect("connection");
    let body: i32 = organising_bodies::table
        .select(organising_bodies::id)
        .first(&mut conn)
        .expect("a body in the demo data");
    for name in names {
        diesel::insert_into(clusters::table)
            .values((
                clusters::name.eq(*name),
                clusters::kind.eq("cluster"),
                clusters::organising_body_id.eq(body),
                clusters::search_text.eq(fold_for_search(name)),
            ))
            .execute(&mut conn)
            .expect("cluster added");
    }
}

#[actix_web::test]
async fn numbers_match_as_whole_words() {
    let app = TestApp::with_demo();
    add_clusters(
        &app,
        &[
            "Cụm thi đua số II",
            "Cụm thi đua số III",
            "Cụm thi đua số VI",
            "Cụm thi đua số XII",
            "Cụm thi đua số 12",
        ],
    );
    for q in ["số II", "so II", "số ii", "II"] {
        let page = search(&app, q).await;
        page.assert_contains("Cụm thi đua số II</a>");
        for other in ["số III</a>", "số VI</a>", "số XII</a>"] {
            assert!(!page.body.contains(other), "{q:?} found {other:?}");
        }
    }
    let page = search(&app, "số 2").await;
    page.assert_contains("Cụm thi đua số 2</a>");
    page.assert_lacks("Cụm thi đua số 12</a>");
    // A word that is not a number still matches inside names: "vi" finds
    // "Vĩnh Thạnh".
    search(&app, "vi")
        .await
        .assert_contains("huyện Vĩnh Thạnh</a>");
}

#[actix_web::test]
async fn finds_organising_bodies_by_name_or_short_name() {
    let app = TestApp::with_demo();
    let page = search(&app, "uy ban nhan dan tinh ha tinh").await;
    page.assert_contains("Cơ quan tổ chức");
    page.assert_contains("Ủy ban nhân dân tỉnh Hà Tĩnh");
    // With the clusters it runs.
    page.assert_contains("Cụm thi đua số 2</a>");
    let page = search(&app, "UBND Bắc Kạn").await;
    page.assert_contains("Ủy ban nhân dân tỉnh Bắc Kạn");
    page.assert_lacks("Ủy ban nhân dân tỉnh Hà Tĩnh");
}

#[actix_web::test]
async fn results_in_vietnamese_order() {
    let app = TestApp::with_demo();
    // "Đắk Lắk" and "Đắk Nông" sort by bytes after every plain D… name;
    // here "Đà Nẵng" < "Đắk Lắk" < "Đắk Nông" and all come after "Dĩ An".
    add_clusters(
        &app,
        &["Cụm thi đua Đắk", "Cụm thi đua Dĩ An", "Cụm thi đua Eo"],
    );
    let page = search(&app, "cum thi dua").await;
    let at: Vec<usize> = [
        "Cụm thi đua Dĩ An</a>",
        "Cụm thi đua Đắk</a>",
        "Cụm thi đua Eo</a>",
    ]
    .iter()
    .map(|t| page.body.find(t).unwrap_or_else(|| panic!("{t:?}")))
    .collect();
    assert!(at.is_sorted(), "{at:?}");
}
