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
    let binh_dinh = app.body_id("UBND tỉnh Bình Định").to_string();
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
                ("body", binh_dinh.as_str()),
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
                ("body", binh_dinh.as_str()),
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
    let version = hidden_value(&confirm.body, "version");
    let refused = app
        .post_as(
            &format!("/admin/units/{loc_ha}/delete"),
            Some(&s),
            &[("csrf", &s.csrf), ("version", &version)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    refused.assert_contains("Không thể xóa đơn vị này");
    assert_eq!(
        app.get(&format!("/units/{loc_ha}")).await.status,
        StatusCode::OK
    );
}

/// The id of the award kind of this name in the demo catalogue.
fn award_kind_id(app: &TestApp, name: &str) -> i32 {
    use diesel::prelude::*;
    use thidua::schema::award_kinds;
    let mut conn = app.pool().get().unwrap();
    award_kinds::table
        .filter(award_kinds::name.eq(name))
        .select(award_kinds::id)
        .first(&mut conn)
        .unwrap()
}

#[actix_web::test]
async fn the_catalogue_is_edited_with_a_version_check() {
    let (app, s) = admin().await;
    let edit = format!(
        "/admin/award-kinds/{}/edit",
        award_kind_id(&app, "Giấy khen")
    );
    let form = app.get_as(&edit, &s).await;
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
    let refused = app.post_as(&edit, Some(&s), &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Thứ bậc là số nguyên từ 1 trở lên.");
    let good = as_pairs(&fields("7"));
    let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.post_as(&edit, Some(&s), &good).await.status,
        StatusCode::SEE_OTHER
    );
    let stale = app.post_as(&edit, Some(&s), &good).await;
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
    history.assert_row(&["Giải thể cấp huyện từ 01/07/2025"]);
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
    let form = app.get_as(&format!("/admin/users/{id}"), &s).await;
    let version = hidden_value(&form.body, "version");
    let disabled = app
        .post_as(
            &format!("/admin/users/{id}"),
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("version", &version),
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

// ───────────── Bad references, loops, missing records, stale versions ─────────────

/// Rows in a table, to show a refused save wrote nothing.
fn rows(app: &TestApp, table: &str) -> i64 {
    use diesel::prelude::*;
    let mut conn = app.pool().get().unwrap();
    diesel::dsl::sql::<diesel::sql_types::BigInt>(&format!("SELECT COUNT(*) FROM {table}"))
        .get_result(&mut conn)
        .unwrap()
}

/// What a refused save must leave as it was.
fn snapshot(app: &TestApp) -> [i64; 6] {
    [
        "units",
        "clusters",
        "memberships",
        "organising_bodies",
        "users",
        "audit_log",
    ]
    .map(|t| rows(app, t))
}

#[actix_web::test]
async fn a_unit_whose_parent_or_successor_is_itself_or_missing_is_refused_beside_the_field() {
    let (app, s) = admin().await;
    let loc_ha = app.unit_id("Lộc Hà", "district").to_string();
    let ha_tinh = app.unit_id("Hà Tĩnh", "province").to_string();
    let before = snapshot(&app);
    let uri = format!("/admin/units/{loc_ha}/edit");
    let version = hidden_value(&app.get_as(&uri, &s).await.body, "version");
    let cases: [(&str, &str, &str, &str); 4] = [
        (&uri, &loc_ha, "", "Một đơn vị không thể thuộc chính nó."),
        (
            &uri,
            &ha_tinh,
            &loc_ha,
            "Một đơn vị không thể kế thừa chính nó.",
        ),
        (
            &uri,
            "999999",
            "",
            "Đơn vị cấp trên này không có trong danh sách.",
        ),
        (
            "/admin/units/new",
            &ha_tinh,
            "999999",
            "Đơn vị kế thừa này không có trong danh sách.",
        ),
    ];
    for (target, parent, successor, message) in cases {
        let refused = app
            .post_as(
                target,
                Some(&s),
                &[
                    ("csrf", &s.csrf),
                    ("version", &version),
                    ("name", "Lộc Hà mới"),
                    ("kind", "district"),
                    ("parent", parent),
                    ("successor", successor),
                    ("note", "ghi chú đã gõ"),
                ],
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{target} parent={parent} successor={successor}: {}",
            visible_text(&refused.body)
        );
        refused.assert_contains(&format!("{message}</p>"));
        refused.assert_contains("value=\"Lộc Hà mới\"");
        refused.assert_contains("ghi chú đã gõ");
    }
    assert_eq!(snapshot(&app), before, "nothing written");
    app.get_as("/admin/units", &s)
        .await
        .assert_contains("huyện Lộc Hà");
}

#[actix_web::test]
async fn a_loop_in_the_parent_or_successor_chain_is_refused() {
    let (app, s) = admin().await;
    let loc_ha = app.unit_id("Lộc Hà", "district").to_string();
    let ha_tinh = app.unit_id("Hà Tĩnh", "province").to_string();
    let save =
        |id: String, name: &'static str, kind: &'static str, parent: String, successor: String| {
            let app = &app;
            let s = &s;
            async move {
                let uri = format!("/admin/units/{id}/edit");
                let version = hidden_value(&app.get_as(&uri, s).await.body, "version");
                app.post_as(
                    &uri,
                    Some(s),
                    &[
                        ("csrf", &s.csrf),
                        ("version", &version),
                        ("name", name),
                        ("kind", kind),
                        ("parent", &parent),
                        ("successor", &successor),
                    ],
                )
                .await
            }
        };
    // Lộc Hà belongs to Hà Tĩnh: Hà Tĩnh may not belong to Lộc Hà.
    let audit = rows(&app, "audit_log");
    let parent_loop = save(
        ha_tinh.clone(),
        "Hà Tĩnh",
        "province",
        loc_ha.clone(),
        String::new(),
    )
    .await;
    assert_eq!(parent_loop.status, StatusCode::UNPROCESSABLE_ENTITY);
    parent_loop.assert_contains("sẽ thành vòng lặp");
    assert_eq!(rows(&app, "audit_log"), audit);

    // Lộc Hà is succeeded by Hà Tĩnh: Hà Tĩnh may not be succeeded by Lộc Hà.
    let ok = save(
        loc_ha.clone(),
        "Lộc Hà",
        "district",
        ha_tinh.clone(),
        ha_tinh.clone(),
    )
    .await;
    assert_eq!(
        ok.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&ok.body)
    );
    let audit = rows(&app, "audit_log");
    let successor_loop = save(
        ha_tinh.clone(),
        "Hà Tĩnh",
        "province",
        String::new(),
        loc_ha.clone(),
    )
    .await;
    assert_eq!(successor_loop.status, StatusCode::UNPROCESSABLE_ENTITY);
    successor_loop.assert_contains("được kế thừa (trực tiếp hoặc gián tiếp) bởi đơn vị đang sửa");
    assert_eq!(rows(&app, "audit_log"), audit);
}

#[actix_web::test]
async fn a_cluster_with_a_missing_body_and_a_member_that_is_no_unit_are_refused() {
    let (app, s) = admin().await;
    let before = snapshot(&app);
    let cluster = app
        .post_as(
            "/admin/clusters/new",
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("version", "0"),
                ("name", "Khối các sở, ngành"),
                ("kind", "block"),
                ("body", "999999"),
                ("first_year", "2025"),
            ],
        )
        .await;
    assert_eq!(
        cluster.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        visible_text(&cluster.body)
    );
    cluster.assert_contains("Cơ quan tổ chức này không có trong danh sách.</p>");
    cluster.assert_contains("value=\"Khối các sở, ngành\"");

    let bac_kan = app.cluster_id(BAC_KAN);
    let member = app
        .post_as(
            &format!("/admin/clusters/{bac_kan}/members"),
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("unit", "999999"),
                ("from_year", "2025"),
                ("decision_number", "77/QĐ-UBND"),
            ],
        )
        .await;
    assert_eq!(
        member.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        visible_text(&member.body)
    );
    member.assert_contains("Đơn vị này không có trong danh sách.</p>");
    member.assert_contains("value=\"77/QĐ-UBND\"");
    assert_eq!(snapshot(&app), before, "nothing written");
}

#[actix_web::test]
async fn every_admin_page_of_a_missing_record_is_404() {
    let (app, s) = admin().await;
    let before = snapshot(&app);
    for kind in ["units", "bodies", "award-kinds", "clusters"] {
        for action in ["edit", "delete"] {
            let uri = format!("/admin/{kind}/999999/{action}");
            let page = app.get_as(&uri, &s).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "GET {uri}");
            page.assert_contains("Không tìm thấy");
        }
    }
    let mut posts: Vec<String> = ["units", "bodies", "award-kinds", "clusters"]
        .iter()
        .flat_map(|k| {
            [
                format!("/admin/{k}/999999/edit"),
                format!("/admin/{k}/999999/delete"),
            ]
        })
        .collect();
    posts.extend([
        "/admin/clusters/999999/members".to_string(),
        "/admin/memberships/999999/edit".to_string(),
        "/admin/memberships/999999/delete".to_string(),
        "/admin/users/999999".to_string(),
    ]);
    for uri in posts {
        let page = app
            .post_as(
                &uri,
                Some(&s),
                &[
                    ("csrf", &s.csrf),
                    ("version", "1"),
                    ("name", "Tên"),
                    ("unit", "1"),
                    ("from_year", "2025"),
                ],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::NOT_FOUND,
            "POST {uri}: {}",
            visible_text(&page.body)
        );
        page.assert_contains("Không tìm thấy");
    }
    for uri in [
        "/admin/memberships/999999/edit",
        "/admin/memberships/999999/delete",
        "/admin/users/999999",
    ] {
        assert_eq!(
            app.get_as(uri, &s).await.status,
            StatusCode::NOT_FOUND,
            "GET {uri}"
        );
    }
    assert_eq!(snapshot(&app), before, "nothing written");
}

/// Opens a record's form, returns its version.
async fn version_at(app: &TestApp, s: &Session, uri: &str) -> String {
    let form = app.get_as(uri, s).await;
    assert_eq!(form.status, StatusCode::OK, "GET {uri}");
    hidden_value(&form.body, "version")
}

#[actix_web::test]
async fn a_save_or_delete_from_a_stale_form_is_refused_for_every_record_kind() {
    let (app, s) = admin().await;
    let binh_dinh = app.body_id("UBND tỉnh Bình Định").to_string();
    let loc_ha = app.unit_id("Lộc Hà", "district");
    let bac_kan = app.cluster_id(BAC_KAN);
    let body = {
        use diesel::prelude::*;
        use thidua::schema::organising_bodies;
        let mut conn = app.pool().get().unwrap();
        organising_bodies::table
            .filter(organising_bodies::short_name.eq("UBND tỉnh Hà Tĩnh"))
            .select(organising_bodies::id)
            .first::<i32>(&mut conn)
            .unwrap()
    };
    // (path, fields with the typed name in "{}", the name as stored)
    let kinds: Vec<(String, Vec<(&str, &str)>)> = vec![
        (
            format!("/admin/bodies/{body}"),
            vec![("short_name", "UBND tỉnh Hà Tĩnh"), ("level", "province")],
        ),
        (format!("/admin/units/{loc_ha}"), vec![("kind", "district")]),
        (
            format!("/admin/clusters/{bac_kan}"),
            vec![
                ("kind", "cluster"),
                ("body", binh_dinh.as_str()),
                ("first_year", "2019"),
            ],
        ),
        (
            format!("/admin/award-kinds/{}", award_kind_id(&app, "Giấy khen")),
            vec![
                ("short_name", "Giấy khen"),
                ("issuing_authority", "Chủ tịch UBND cấp huyện"),
                ("category", "commendation"),
                ("rank", "7"),
            ],
        ),
    ];
    for (path, rest) in kinds {
        let edit = format!("{path}/edit");
        let delete = format!("{path}/delete");
        let version = version_at(&app, &s, &edit).await;
        let confirm = app.get_as(&delete, &s).await;
        let delete_version = hidden_value(&confirm.body, "version");
        assert_eq!(delete_version, version, "{delete} carries the version");
        let post = |name: &'static str| {
            let mut fields = vec![
                ("csrf", s.csrf.as_str()),
                ("version", version.as_str()),
                ("name", name),
            ];
            fields.extend(rest.iter().copied());
            let app = &app;
            let s = &s;
            let edit = edit.clone();
            async move { app.post_as(&edit, Some(s), &fields).await }
        };
        // The first admin saves; the second, from the same form, is refused.
        let first = post("Tên của người thứ nhất").await;
        assert_eq!(
            first.status,
            StatusCode::SEE_OTHER,
            "{edit}: {}",
            visible_text(&first.body)
        );
        let audit = rows(&app, "audit_log");
        let second = post("Tên của người thứ hai").await;
        assert_eq!(
            second.status,
            StatusCode::CONFLICT,
            "{edit}: {}",
            visible_text(&second.body)
        );
        second.assert_contains("vừa được người khác sửa");
        second.assert_contains("value=\"Tên của người thứ hai\"");
        let shown = app.get_as(&edit, &s).await;
        shown.assert_contains("value=\"Tên của người thứ nhất\"");
        // A delete confirmed before the first save is refused too.
        let stale_delete = app
            .post_as(
                &delete,
                Some(&s),
                &[("csrf", &s.csrf), ("version", &delete_version)],
            )
            .await;
        assert_eq!(stale_delete.status, StatusCode::CONFLICT, "{delete}");
        stale_delete.assert_contains("vừa được người khác sửa");
        assert_eq!(rows(&app, "audit_log"), audit, "{path}: nothing written");
        assert_eq!(app.get_as(&edit, &s).await.status, StatusCode::OK);
    }
}

#[actix_web::test]
async fn a_membership_changed_since_its_form_or_confirmation_is_not_overwritten_or_deleted() {
    let (app, s) = admin().await;
    let bac_kan = app.cluster_id(BAC_KAN);
    let id = {
        use diesel::prelude::*;
        use thidua::schema::memberships;
        let mut conn = app.pool().get().unwrap();
        memberships::table
            .filter(memberships::cluster_id.eq(bac_kan))
            .select(memberships::id)
            .first::<i32>(&mut conn)
            .unwrap()
    };
    let cluster_page = app
        .get_as(&format!("/admin/clusters/{bac_kan}/edit"), &s)
        .await;
    cluster_page.assert_contains(&format!("href=\"/admin/memberships/{id}/edit\""));
    let edit = format!("/admin/memberships/{id}/edit");
    let form = app.get_as(&edit, &s).await;
    assert_eq!(form.status, StatusCode::OK);
    let version = hidden_value(&form.body, "version");
    let unit = {
        let start = form.body.find("name=\"unit\"").unwrap();
        let selected = form.body[start..].find("\" selected>").unwrap() + start;
        let value = form.body[..selected].rfind("value=\"").unwrap() + 7;
        form.body[value..selected].to_string()
    };
    let delete_version = hidden_value(
        &app.get_as(&format!("/admin/memberships/{id}/delete"), &s)
            .await
            .body,
        "version",
    );
    let post = |number: &'static str| {
        let fields = [
            ("csrf", s.csrf.clone()),
            ("version", version.clone()),
            ("unit", unit.clone()),
            ("from_year", "2015".to_string()),
            ("decision_number", number.to_string()),
        ];
        let app = &app;
        let s = &s;
        let edit = edit.clone();
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_as(&edit, Some(s), &fields).await
        }
    };
    let first = post("101/QĐ-UBND").await;
    assert_eq!(
        first.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&first.body)
    );
    let audit = rows(&app, "audit_log");
    let second = post("202/QĐ-UBND").await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    second.assert_contains("vừa được người khác sửa");
    second.assert_contains("value=\"202/QĐ-UBND\"");
    let stale_delete = app
        .post_as(
            &format!("/admin/memberships/{id}/delete"),
            Some(&s),
            &[("csrf", &s.csrf), ("version", &delete_version)],
        )
        .await;
    assert_eq!(stale_delete.status, StatusCode::CONFLICT);
    stale_delete.assert_contains("vừa được người khác sửa");
    assert_eq!(rows(&app, "audit_log"), audit, "nothing written");
    app.get_as(&format!("/admin/clusters/{bac_kan}/edit"), &s)
        .await
        .assert_contains("101/QĐ-UBND");

    // From a fresh confirmation the delete goes through.
    let fresh = hidden_value(
        &app.get_as(&format!("/admin/memberships/{id}/delete"), &s)
            .await
            .body,
        "version",
    );
    let deleted = app
        .post_as(
            &format!("/admin/memberships/{id}/delete"),
            Some(&s),
            &[("csrf", &s.csrf), ("version", &fresh)],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get_as(&edit, &s).await.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn an_account_saved_by_another_admin_meanwhile_is_not_overwritten() {
    let (app, s) = admin().await;
    app.add_user("thuky", "clerk", &[]);
    let id = {
        let mut conn = app.pool().get().unwrap();
        thidua::auth::users::find_by_name(&mut conn, "thuky")
            .unwrap()
            .unwrap()
            .id
    };
    let uri = format!("/admin/users/{id}");
    let version = version_at(&app, &s, &uri).await;
    let save = |name: &'static str| {
        let app = &app;
        let s = &s;
        let uri = uri.clone();
        let version = version.clone();
        async move {
            app.post_as(
                &uri,
                Some(s),
                &[
                    ("csrf", &s.csrf),
                    ("version", &version),
                    ("name", name),
                    ("role", "clerk"),
                ],
            )
            .await
        }
    };
    let first = save("thuky.haitinh").await;
    assert_eq!(
        first.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&first.body)
    );
    let audit = rows(&app, "audit_log");
    let second = save("thuky.backan").await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    second.assert_contains("vừa được người khác sửa");
    second.assert_contains("value=\"thuky.backan\"");
    assert_eq!(rows(&app, "audit_log"), audit);
    app.get_as("/admin", &s)
        .await
        .assert_contains(">thuky.haitinh</a>");
}

#[actix_web::test]
async fn control_characters_in_admin_fields_are_refused_beside_the_field() {
    let (app, s) = admin().await;
    let before = snapshot(&app);
    let unit = app
        .post_as(
            "/admin/units/new",
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("version", "0"),
                ("name", "Hồng\u{0}Lĩnh"),
                ("kind", "town"),
                ("note", "Thành lập\u{1b}[31m năm 1992"),
            ],
        )
        .await;
    assert_eq!(unit.status, StatusCode::UNPROCESSABLE_ENTITY);
    unit.assert_contains("id=\"err-name\">Có ký tự điều khiển không in được");
    unit.assert_contains("id=\"err-note\">Có ký tự điều khiển không in được");
    let body = app
        .post_as(
            "/admin/bodies/new",
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("version", "0"),
                ("name", "Ủy ban nhân dân tỉnh Cao Bằng"),
                ("short_name", "UBND tỉnh\nCao Bằng"),
                ("level", "province"),
            ],
        )
        .await;
    assert_eq!(body.status, StatusCode::UNPROCESSABLE_ENTITY);
    body.assert_contains("id=\"err-short_name\">Có ký tự điều khiển không in được");
    body.assert_contains("value=\"Ủy ban nhân dân tỉnh Cao Bằng\"");
    for name in ["thu\u{0}ky", "thu ky", "thuký<script>", &"a".repeat(61)] {
        let user = app
            .post_as(
                "/admin/users/new",
                Some(&s),
                &[
                    ("csrf", &s.csrf),
                    ("name", name),
                    ("role", "clerk"),
                    ("password", "mật khẩu đủ dài"),
                ],
            )
            .await;
        assert_eq!(
            user.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name:?}: {}",
            visible_text(&user.body)
        );
        user.assert_contains("id=\"err-name\"");
    }
    assert_eq!(snapshot(&app), before, "nothing written");
}

/// Makes the test app's only connection refuse (or accept again) writes,
/// as a database put read-only under the running server would.
fn read_only(app: &TestApp, on: bool) {
    crate::engine::Faults(&mut app.pool().get().unwrap()).read_only(on);
}

#[actix_web::test]
async fn a_save_on_a_read_only_database_keeps_the_typed_form_and_works_once_it_is_writable() {
    let app = TestApp::with_demo_pool_size(1);
    let password = app.add_user("quantri", "admin", &[]);
    let s = app.login("quantri", &password).await;
    let bac_kan = app.cluster_id(BAC_KAN);
    let loc_ha = app.unit_id("Lộc Hà", "district").to_string();
    let binh_dinh = app.body_id("UBND tỉnh Bình Định").to_string();
    let cluster_uri = format!("/admin/clusters/{bac_kan}/edit");
    let version = version_at(&app, &s, &cluster_uri).await;
    let cluster = [
        ("csrf", s.csrf.as_str()),
        ("version", version.as_str()),
        ("name", "Cụm thi đua các huyện, thành phố (mới)"),
        ("kind", "cluster"),
        ("body", binh_dinh.as_str()),
        ("first_year", "2019"),
        ("description", "Mô tả vừa gõ"),
    ];
    let member_uri = format!("/admin/clusters/{bac_kan}/members");
    let member = [
        ("csrf", s.csrf.as_str()),
        ("unit", loc_ha.as_str()),
        ("from_year", "2026"),
        ("decision_number", "88/QĐ-UBND"),
    ];
    let user = [
        ("csrf", s.csrf.as_str()),
        ("name", "thuky.moi"),
        ("role", "clerk"),
        ("password", "mật khẩu đủ dài"),
    ];
    let before = snapshot(&app);
    read_only(&app, true);
    let refused = app.post_as(&cluster_uri, Some(&s), &cluster).await;
    assert_eq!(
        refused.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        visible_text(&refused.body)
    );
    refused.assert_contains("cơ sở dữ liệu tạm thời chỉ cho đọc");
    refused.assert_contains("value=\"Cụm thi đua các huyện, thành phố (mới)\"");
    refused.assert_contains("Mô tả vừa gõ");
    let refused = app.post_as(&member_uri, Some(&s), &member).await;
    assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE);
    refused.assert_contains("cơ sở dữ liệu tạm thời chỉ cho đọc");
    refused.assert_contains("value=\"88/QĐ-UBND\"");
    let refused = app.post_as("/admin/users/new", Some(&s), &user).await;
    assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE);
    refused.assert_contains("cơ sở dữ liệu tạm thời chỉ cho đọc");
    refused.assert_contains("value=\"thuky.moi\"");
    assert_eq!(snapshot(&app), before, "nothing written");

    // Once the database takes writes again, the same saves go through.
    read_only(&app, false);
    for (uri, fields) in [
        (cluster_uri.as_str(), &cluster[..]),
        (member_uri.as_str(), &member[..]),
        ("/admin/users/new", &user[..]),
    ] {
        let saved = app.post_as(uri, Some(&s), fields).await;
        assert_eq!(
            saved.status,
            StatusCode::SEE_OTHER,
            "{uri}: {}",
            visible_text(&saved.body)
        );
    }
    let page = app.get_as(&cluster_uri, &s).await;
    page.assert_contains("value=\"Cụm thi đua các huyện, thành phố (mới)\"");
    page.assert_contains("88/QĐ-UBND");
}

#[actix_web::test]
async fn a_save_on_a_full_disk_keeps_the_typed_form_and_works_once_there_is_space() {
    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;
    // A full disk is arranged through SQLite's page limit; PostgreSQL's
    // answer to one is classified alike (db::failure).
    if crate::engine::on_postgres("a_save_on_a_full_disk") {
        return;
    }
    let app = TestApp::with_demo_pool_size(1);
    let password = app.add_user("quantri", "admin", &[]);
    let s = app.login("quantri", &password).await;
    // The file may not grow by a page: as if the disk were full.
    let limit = |pages: &str| {
        let mut conn = app.pool().get().unwrap();
        let pages: i64 = if pages == "now" {
            diesel::dsl::sql::<diesel::sql_types::BigInt>(
                "SELECT page_count FROM pragma_page_count()",
            )
            .get_result(&mut conn)
            .unwrap()
        } else {
            pages.parse().unwrap()
        };
        conn.batch_execute(&format!("PRAGMA max_page_count = {pages};"))
            .unwrap();
    };
    let note = "Căn cứ Nghị quyết sáp nhập. ".repeat(70);
    let unit = [
        ("csrf", s.csrf.as_str()),
        ("version", "0"),
        ("name", "Hồng Lĩnh"),
        ("kind", "town"),
        ("note", note.trim()),
    ];
    let before = snapshot(&app);
    limit("now");
    let refused = app.post_as("/admin/units/new", Some(&s), &unit).await;
    assert_eq!(
        refused.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        visible_text(&refused.body)
    );
    refused.assert_contains("máy chủ tạm thời hết chỗ ghi dữ liệu");
    refused.assert_contains("value=\"Hồng Lĩnh\"");
    refused.assert_contains("Căn cứ Nghị quyết sáp nhập.");
    assert_eq!(snapshot(&app), before, "nothing written");

    limit("1073741823");
    let saved = app.post_as("/admin/units/new", Some(&s), &unit).await;
    assert_eq!(
        saved.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&saved.body)
    );
    app.get_as("/admin/units", &s)
        .await
        .assert_contains("thị xã Hồng Lĩnh");
}

#[actix_web::test]
async fn an_account_disabled_from_the_command_line_is_not_re_enabled_by_an_older_form() {
    let (app, s) = admin().await;
    app.add_user("thuky", "clerk", &[]);
    let id = {
        let mut conn = app.pool().get().unwrap();
        thidua::auth::users::find_by_name(&mut conn, "thuky")
            .unwrap()
            .unwrap()
            .id
    };
    let uri = format!("/admin/users/{id}");
    let version = version_at(&app, &s, &uri).await;
    {
        // `thidua user disable thuky` while the form is open.
        let mut conn = app.pool().get().unwrap();
        thidua::auth::users::set_disabled(&mut conn, id, true).unwrap();
    }
    let response = app
        .post_as(
            &uri,
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("version", &version),
                ("name", "thuky"),
                ("role", "clerk"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::CONFLICT);
    let mut conn = app.pool().get().unwrap();
    let user = thidua::auth::users::find_by_name(&mut conn, "thuky")
        .unwrap()
        .unwrap();
    assert!(user.disabled, "the older form re-enabled the account");
}

#[actix_web::test]
async fn the_command_lines_account_list_names_each_clerks_clusters() {
    let app = TestApp::with_demo();
    let bac_kan = app.cluster_id(BAC_KAN);
    app.add_user("thuky", "clerk", &[bac_kan]);
    let mut conn = app.pool().get().unwrap();
    let lines = thidua::cli::account_lines(&mut conn).unwrap();
    let line = lines
        .iter()
        .find(|l| l.starts_with("thuky\t"))
        .expect("the clerk's line");
    assert!(
        line.ends_with(&format!("cụm: {bac_kan} ({BAC_KAN})")),
        "{line}"
    );
}
