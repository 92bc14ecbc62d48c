//! The admin's records: units, clusters and members, the catalogue.

use actix_web::http::StatusCode;

use crate::helpers::*;

async fn admin() -> (TestApp, Session) {
    let app = TestApp::with_demo();
    let password = app.add_user("quantri", "admin", &[]);
    let session = app.login("quantri", &password).await;
    (app, session)
}

#[actix_web::test]
async fn an_admin_adds_a_unit_and_a_cluster_with_members() {
    let (app, s) = admin().await;
    let created = app
        .post_as(
            "/admin/units/new",
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("version", "0"),
                ("name", "Hồng Lĩnh"),
                ("kind", "town"),
                ("valid_to", "30/06/2025"),
            ],
        )
        .await;
    assert_eq!(
        created.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&created.body)
    );
    let list = app.get_as("/admin/units", &s).await;
    list.assert_contains("thị xã Hồng Lĩnh");
    let unit = app.unit_id("Hồng Lĩnh", "town");

    let bad = app
        .post_as(
            "/admin/clusters/new",
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("version", "0"),
                ("name", ""),
                ("kind", "block"),
                ("body", "1"),
                ("first_year", "2026"),
                ("last_year", "2025"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("Không được để trống.");
    bad.assert_contains("Năm kết thúc phải sau năm bắt đầu.");
    bad.assert_contains("value=\"2026\"");

    let ok = app
        .post_as(
            "/admin/clusters/new",
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("version", "0"),
                ("name", "Khối các sở, ngành"),
                ("kind", "block"),
                ("body", "1"),
                ("first_year", "2025"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let cluster = app.cluster_id("Khối các sở, ngành");
    let unit_text = unit.to_string();
    let member = [
        ("csrf", s.csrf.as_str()),
        ("unit", unit_text.as_str()),
        ("from_year", "2025"),
        ("decision_number", "12/QĐ-UBND"),
        ("decision_date", "05/01/2025"),
    ];
    let added = app
        .post_as(
            &format!("/admin/clusters/{cluster}/members"),
            Some(&s),
            &member,
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let again = app
        .post_as(
            &format!("/admin/clusters/{cluster}/members"),
            Some(&s),
            &member,
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    again.assert_contains("Đơn vị đã là thành viên của cụm trong những năm này.");
    let page = app.get(&format!("/clusters/{cluster}")).await;
    page.assert_contains("thị xã Hồng Lĩnh");
    page.assert_contains("Quyết định số 12/QĐ-UBND ngày 05/01/2025");
}

#[actix_web::test]
async fn a_unit_in_use_is_not_deleted_and_a_delete_asks_first() {
    let (app, s) = admin().await;
    let loc_ha = app.unit_id("Lộc Hà", "district");
    let confirm = app
        .get_as(&format!("/admin/units/{loc_ha}/delete"), &s)
        .await;
    assert_eq!(confirm.status, StatusCode::OK);
    confirm.assert_contains("Xóa đơn vị “Lộc Hà”?");
    let refused = app
        .post_as(
            &format!("/admin/units/{loc_ha}/delete"),
            Some(&s),
            &[("csrf", &s.csrf)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    refused.assert_contains("Không thể xóa đơn vị này");
    assert_eq!(
        app.get(&format!("/units/{loc_ha}")).await.status,
        StatusCode::OK
    );
}

#[actix_web::test]
async fn the_catalogue_is_edited_with_a_version_check() {
    let (app, s) = admin().await;
    let form = app.get_as("/admin/award-kinds/6/edit", &s).await;
    assert_eq!(form.status, StatusCode::OK);
    let version = hidden_value(&form.body, "version");
    let fields = |rank: &'static str| {
        vec![
            ("csrf", s.csrf.clone()),
            ("version", version.clone()),
            ("name", "Giấy khen".to_string()),
            ("short_name", "Giấy khen".to_string()),
            ("issuing_authority", "Chủ tịch UBND cấp huyện".to_string()),
            ("category", "commendation".to_string()),
            ("rank", rank.to_string()),
        ]
    };
    let as_pairs = |v: &Vec<(&'static str, String)>| {
        v.iter().map(|(k, x)| (*k, x.clone())).collect::<Vec<_>>()
    };
    let bad = as_pairs(&fields("0"));
    let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = app
        .post_as("/admin/award-kinds/6/edit", Some(&s), &bad)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Thứ bậc là số nguyên từ 1 trở lên.");
    let good = as_pairs(&fields("7"));
    let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.post_as("/admin/award-kinds/6/edit", Some(&s), &good)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let stale = app
        .post_as("/admin/award-kinds/6/edit", Some(&s), &good)
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
}

#[actix_web::test]
async fn a_clerk_cannot_use_the_admin_pages() {
    let app = TestApp::with_demo();
    let password = app.add_user("thuky", "clerk", &[1]);
    let s = app.login("thuky", &password).await;
    assert_eq!(app.get_as("/admin", &s).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get_as("/admin/units/new", &s).await.status,
        StatusCode::FORBIDDEN
    );
    let post = app
        .post_as(
            "/admin/units/new",
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("version", "0"),
                ("name", "X"),
                ("kind", "town"),
            ],
        )
        .await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    assert!(!app.get_as("/", &s).await.body.contains("href=\"/admin\""));
}

#[actix_web::test]
async fn a_units_history_shows_the_admins_change() {
    let (app, s) = admin().await;
    let loc_ha = app.unit_id("Lộc Hà", "district");
    let form = app.get_as(&format!("/admin/units/{loc_ha}/edit"), &s).await;
    let version = hidden_value(&form.body, "version");
    let saved = app
        .post_as(
            &format!("/admin/units/{loc_ha}/edit"),
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("version", &version),
                ("name", "Lộc Hà"),
                ("kind", "district"),
                ("valid_to", "30/06/2025"),
                ("note", "Giải thể cấp huyện từ 01/07/2025"),
            ],
        )
        .await;
    assert_eq!(
        saved.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&saved.body)
    );
    let unit_page = app.get_as(&format!("/units/{loc_ha}"), &s).await;
    unit_page.assert_contains(&format!("href=\"/history/units/{loc_ha}\""));
    let history = app.get_as(&format!("/history/units/{loc_ha}"), &s).await;
    assert_eq!(history.status, StatusCode::OK);
    history.assert_contains("quantri");
    history.assert_contains("<td>Giải thể cấp huyện từ 01/07/2025</td>");
    assert_eq!(
        app.get(&format!("/history/units/{loc_ha}")).await.status,
        StatusCode::SEE_OTHER
    );
}

#[actix_web::test]
async fn an_admin_creates_a_clerk_who_can_then_sign_in_and_disables_them() {
    let (app, s) = admin().await;
    let bac_kan = app.cluster_id(BAC_KAN).to_string();
    let short = app
        .post_as(
            "/admin/users/new",
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("name", "thuky"),
                ("role", "clerk"),
                ("cluster", &bac_kan),
                ("password", "ngắn"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    short.assert_contains("Mật khẩu có ít nhất 10 ký tự.");
    short.assert_contains("value=\"thuky\"");
    let created = app
        .post_as(
            "/admin/users/new",
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("name", "thuky"),
                ("role", "clerk"),
                ("cluster", &bac_kan),
                ("password", "mật khẩu đủ dài"),
            ],
        )
        .await;
    assert_eq!(
        created.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&created.body)
    );
    let clerk = app.login("thuky", "mật khẩu đủ dài").await;
    let page = app
        .get_as(&format!("/clusters/{bac_kan}/years/2022"), &clerk)
        .await;
    page.assert_contains("Sửa kết quả năm 2022");

    let id = {
        let mut conn = app.pool().get().unwrap();
        thidua::auth::users::find_by_name(&mut conn, "thuky")
            .unwrap()
            .unwrap()
            .id
    };
    let disabled = app
        .post_as(
            &format!("/admin/users/{id}"),
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("name", "thuky"),
                ("role", "clerk"),
                ("cluster", &bac_kan),
                ("disabled", "1"),
            ],
        )
        .await;
    assert_eq!(disabled.status, StatusCode::SEE_OTHER);
    assert!(
        !app.get_as("/", &clerk).await.body.contains("Đăng xuất"),
        "disabling ends the clerk's session"
    );
}
