//! Unknown ids, years out of range and malformed paths get a Vietnamese
//! 404 page, never a 500.

use actix_web::http::StatusCode;

use crate::helpers::*;

#[actix_web::test]
async fn unknown_and_malformed_paths_are_404_in_vietnamese() {
    let app = TestApp::with_demo();
    let ha_tinh = app.cluster_id(HA_TINH_2);
    for uri in [
        "/nope".to_string(),
        "/clusters/999999".to_string(),
        "/clusters/abc".to_string(),
        "/clusters/-1".to_string(),
        format!("/clusters/{ha_tinh}/years/1999"),
        format!("/clusters/{ha_tinh}/years/99999999999"),
        format!("/clusters/{ha_tinh}/years/2021abc"),
        format!("/clusters/{ha_tinh}/years/1999/print"),
        "/clusters/abc/years/2022/print".to_string(),
        "/units/0".to_string(),
        "/units/%F0%9F%98%80".to_string(),
        "/static/nothing-here.css".to_string(),
    ] {
        let page = app.get(&uri).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "GET {uri}");
        assert!(
            page.content_type.starts_with("text/html"),
            "GET {uri}: {}",
            page.content_type
        );
        page.assert_contains("Không tìm thấy trang");
        assert_well_formed(&page.body);
    }
}
