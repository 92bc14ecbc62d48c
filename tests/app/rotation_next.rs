//! Next year's chair is news once the conference's year is published; the
//! rotation page follows from the latest known term; a clerk can open any
//! year of the cluster's life; a unit's ranks show on its page.

use actix_web::http::StatusCode;

use crate::editor::{Setup, clerk_of_ha_tinh, full_form, post_form, units, with};
use crate::helpers::*;

const ELECTED: &str = "Cụm trưởng năm 2023 (đã bầu tại hội nghị tổng kết năm 2022)";

async fn save_2022(s: &Setup, status: &str) {
    let u = units(&s.app);
    let form = with(&full_form(s, &u), &[("status", status)]);
    let response = post_form(s, 2022, &form, &s.session.csrf).await;
    assert_eq!(
        response.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&response.body)
    );
}

/// The text of the home page card of a cluster.
fn card(home: &str, cluster: i32) -> &str {
    let start = home
        .find(&format!("<a href=\"/clusters/{cluster}\">"))
        .expect("the cluster's card");
    let end = home[start..]
        .find("</li>")
        .map_or(home.len(), |e| start + e);
    &home[start..end]
}

#[actix_web::test]
async fn a_published_years_next_chair_shows_as_elected_on_rotation_cluster_and_home() {
    let s = clerk_of_ha_tinh().await;
    // The form of 2022 elects Kỳ Anh (vice: Cẩm Xuyên) for 2023, which is
    // created as a draft.
    save_2022(&s, "published").await;

    let rotation = s.app.get("/rotation").await;
    rotation.assert_contains(
        "2023</a>: huyện Kỳ Anh (Cụm phó: huyện Cẩm Xuyên) — <span class=\"meta\">Được bầu</span> <span class=\"meta\">(đã bầu tại hội nghị tổng kết năm 2022)</span>",
    );

    let cluster = s.app.get(&format!("/clusters/{}", s.cluster)).await;
    cluster.assert_contains(&format!("<strong>{ELECTED}:</strong>"));
    cluster.assert_contains("huyện Kỳ Anh");

    let home = s.app.get("/").await;
    let text = visible_text(card(&home.body, s.cluster));
    assert!(
        text.contains(&format!("{ELECTED}: huyện Kỳ Anh")),
        "home card: {text}"
    );

    // The units' own pages list the term as elected, linking the
    // published year that elected it.
    let u = units(&s.app);
    let ky_anh = s.app.get(&format!("/units/{}", u.ky_anh)).await;
    ky_anh.assert_row(&["2023", "Cụm trưởng (đã bầu tại hội nghị tổng kết năm 2022)"]);
    ky_anh.assert_contains(&format!(
        "<a href=\"/clusters/{}/years/2022\">2023</a>",
        s.cluster
    ));
    let cam_xuyen = s.app.get(&format!("/units/{}", u.cam_xuyen)).await;
    cam_xuyen.assert_row(&["2023", "Cụm phó (đã bầu tại hội nghị tổng kết năm 2022)"]);

    // The rest of the 2023 draft stays private.
    let year = s
        .app
        .get(&format!("/clusters/{}/years/2023", s.cluster))
        .await;
    assert_eq!(year.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn a_draft_years_next_chair_stays_private() {
    let s = clerk_of_ha_tinh().await;
    save_2022(&s, "draft").await;
    for uri in [
        "/rotation".to_string(),
        format!("/clusters/{}", s.cluster),
        "/".into(),
    ] {
        let page = s.app.get(&uri).await;
        page.assert_lacks("đã bầu tại hội nghị tổng kết năm 2022");
        page.assert_lacks("huyện Kỳ Anh (Cụm phó: huyện Cẩm Xuyên)");
    }
    let u = units(&s.app);
    let ky_anh = s.app.get(&format!("/units/{}", u.ky_anh)).await;
    ky_anh.assert_lacks("2023</a>");
    ky_anh.assert_lacks("đã bầu tại hội nghị tổng kết năm 2022");
}

#[actix_web::test]
async fn a_chair_typed_into_next_years_own_draft_stays_private() {
    let s = clerk_of_ha_tinh().await;
    save_2022(&s, "published").await;
    // The 2023 form itself names another chair and keeps the year a draft.
    let u = units(&s.app);
    let form = with(
        &full_form(&s, &u),
        &[
            ("version", "1"),
            ("status", "draft"),
            ("chair_unit", &u.cam_xuyen.to_string()),
            ("vice_unit", &u.loc_ha.to_string()),
            ("next_chair", ""),
            ("next_vice", ""),
            ("next_selection", ""),
            ("cov_date", ""),
            ("cov_place", ""),
            ("cov_content", ""),
        ],
    );
    let response = post_form(&s, 2023, &form, &s.session.csrf).await;
    assert_eq!(
        response.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&response.body)
    );
    let rotation = s.app.get("/rotation").await;
    rotation.assert_lacks("đã bầu tại hội nghị tổng kết năm 2022");
    rotation.assert_lacks("2023</a>: huyện Cẩm Xuyên");
}

#[actix_web::test]
async fn rotation_follows_from_the_latest_term_on_record() {
    let app = TestApp::with_demo();
    let page = app.get("/rotation").await;
    let start = page.body.find(HA_TINH_2).expect("Hà Tĩnh's row");
    let row = &page.body[start..start + page.body[start..].find("</tr>").unwrap()];
    let text = visible_text(row);
    // The record of Hà Tĩnh no. 2 ends with 2022 (Lộc Hà), years before
    // today: its latest term shows, and who follows by rotation (the first
    // listed member that has not chaired: Hương Sơn).
    assert!(
        text.contains("Năm 2022 (gần nhất trong hồ sơ): huyện Lộc Hà"),
        "{text}"
    );
    assert!(
        text.contains("Năm 2023, theo thứ tự luân phiên (chưa có trong hồ sơ): huyện Hương Sơn"),
        "{text}"
    );
    // Who has never chaired, as links.
    assert!(
        text.contains("huyện Hương Sơn , huyện Hương Khê , huyện Cẩm Xuyên , huyện Kỳ Anh"),
        "{text}"
    );
    assert!(!text.contains("Chưa có trong hồ sơ"), "{text}");
}

#[actix_web::test]
async fn rotation_warns_of_a_second_term_before_everyone_chaired() {
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
            cluster_years::version.eq(1),
        ))
        .execute(&mut conn)
        .unwrap();
    drop(conn);
    let page = app.get("/rotation").await;
    page.assert_contains("Lưu ý: Năm 2023: huyện Vũ Quang làm Cụm trưởng lần thứ hai");
}

#[actix_web::test]
async fn the_year_picker_opens_a_year_of_the_clusters_life_and_refuses_others() {
    let s = clerk_of_ha_tinh().await;
    let page = s
        .app
        .get_as(&format!("/clusters/{}", s.cluster), &s.session)
        .await;
    page.assert_contains(&format!("action=\"/clusters/{}/enter\"", s.cluster));
    // Hà Tĩnh no. 2 ends with 2024.
    page.assert_contains("max=\"2024\"");

    let enter = |year: &str| format!("/clusters/{}/enter?year={year}", s.cluster);
    let response = s.app.get_as(&enter("2008"), &s.session).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(
        response.location.as_deref(),
        Some(format!("/clusters/{}/years/2008/edit", s.cluster).as_str())
    );
    let form = s
        .app
        .get_as(
            &format!("/clusters/{}/years/2008/edit", s.cluster),
            &s.session,
        )
        .await;
    assert_eq!(form.status, StatusCode::OK);

    let response = s.app.get_as(&enter("2030"), &s.session).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    response.assert_contains("Năm 2030 nằm ngoài thời gian có thể nhập của cụm (từ 1945 đến 2024)");
    response.assert_contains("value=\"2030\"");

    let response = s.app.get_as(&enter("hai%20ngh%C3%ACn"), &s.session).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    response.assert_contains("không phải là một năm");

    // Only the cluster's editors: a visitor is sent to log in.
    let anonymous = s
        .app
        .send(actix_web::test::TestRequest::get().uri(&enter("2008")))
        .await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.location.unwrap_or_default().starts_with("/login"));
    let public = s.app.get(&format!("/clusters/{}", s.cluster)).await;
    public.assert_lacks("/enter\"");
}

#[actix_web::test]
async fn the_unit_page_shows_ranks_per_year() {
    let s = clerk_of_ha_tinh().await;
    save_2022(&s, "published").await;
    let u = units(&s.app);
    let page = s.app.get(&format!("/units/{}", u.loc_ha)).await;
    page.assert_contains("Chấm điểm, xếp hạng");
    let text = visible_text(&page.body);
    assert!(text.contains("2022 Cụm thi đua số 2 Hạng 1 98,5"), "{text}");
}

#[actix_web::test]
async fn pages_seen_before_a_save_show_it_after() {
    // Seen first by the clerk (signed in: never the page cache, but the
    // kept page data), then saved, then seen again.
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let pages = [
        format!("/units/{}", u.ky_anh),
        "/rotation".to_string(),
        "/".to_string(),
    ];
    for uri in &pages {
        let before = s.app.get_as(uri, &s.session).await;
        assert!(
            !before
                .body
                .contains("đã bầu tại hội nghị tổng kết năm 2022"),
            "{uri}"
        );
    }
    save_2022(&s, "published").await;
    for uri in &pages {
        let after = s.app.get_as(uri, &s.session).await;
        assert!(
            after.body.contains("đã bầu tại hội nghị tổng kết năm 2022"),
            "{uri} still shows the page from before the save"
        );
    }
}
