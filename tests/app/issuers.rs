//! Each organisation its own awards: a cluster is offered its own body's
//! awards and the national ones, tallies rank kinds within their issuer,
//! and units of mass organisations keep their own names.

use actix_web::http::StatusCode;
use diesel::prelude::*;
use thidua::schema::{award_kinds, award_proposals, cluster_years};

use crate::editor::{clerk_of_ha_tinh, full_form, post_form, units, with};
use crate::helpers::*;

fn body_id(app: &TestApp, short_name: &str) -> i32 {
    app.body_id(short_name)
}

/// Adds a kind of `body`'s own catalogue and returns its id.
fn add_kind(app: &TestApp, body: &str, name: &str, short: &str, category: &str, rank: i32) -> i32 {
    let body = body_id(app, body);
    let mut conn = app.pool().get().unwrap();
    diesel::insert_into(award_kinds::table)
        .values((
            award_kinds::name.eq(name),
            award_kinds::short_name.eq(short),
            award_kinds::issuing_authority.eq(name),
            award_kinds::category.eq(category),
            award_kinds::rank.eq(rank),
            award_kinds::organising_body_id.eq(Some(body)),
        ))
        .returning(award_kinds::id)
        .get_result(&mut conn)
        .unwrap()
}

#[actix_web::test]
async fn a_cluster_is_offered_its_own_bodys_awards_and_the_national_ones_only() {
    let s = clerk_of_ha_tinh().await;
    let own = add_kind(
        &s.app,
        "UBND tỉnh Hà Tĩnh",
        "Cờ thi đua của UBND tỉnh Hà Tĩnh",
        "Cờ tỉnh Hà Tĩnh",
        "title",
        1,
    );
    let other = add_kind(
        &s.app,
        "UBND tỉnh Bình Định",
        "Cờ thi đua của UBND tỉnh Bình Định",
        "Cờ tỉnh Bình Định",
        "title",
        1,
    );
    let form = s
        .app
        .get_as(
            &format!("/clusters/{}/years/2022/edit", s.cluster),
            &s.session,
        )
        .await;
    assert_eq!(form.status, StatusCode::OK);
    form.assert_contains("Cờ thi đua của UBND tỉnh Hà Tĩnh");
    form.assert_contains("Cờ thi đua của Chính phủ");
    form.assert_contains("<optgroup label=\"Toàn quốc (Chính phủ, Trung ương)\">");
    form.assert_contains("<optgroup label=\"UBND tỉnh Hà Tĩnh\">");
    assert!(!form.body.contains("Cờ thi đua của UBND tỉnh Bình Định"));

    let u = units(&s.app);
    let refused = post_form(
        &s,
        2022,
        &with(&full_form(&s, &u), &[("a0_kind", &other.to_string())]),
        &s.session.csrf,
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains(
        "Chọn hình thức khen thưởng trong danh mục của cơ quan tổ chức cụm hoặc danh mục toàn quốc.",
    );
    refused.assert_contains("Đoàn kết - Sáng tạo - Về đích");

    let saved = post_form(
        &s,
        2022,
        &with(&full_form(&s, &u), &[("a0_kind", &own.to_string())]),
        &s.session.csrf,
    )
    .await;
    assert_eq!(
        saved.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&saved.body)
    );
}

#[actix_web::test]
async fn a_proposal_of_another_issuers_kind_on_record_still_opens_and_saves() {
    let s = clerk_of_ha_tinh().await;
    let other = add_kind(
        &s.app,
        "UBND tỉnh Bình Định",
        "Cờ thi đua của UBND tỉnh Bình Định",
        "Cờ tỉnh Bình Định",
        "title",
        1,
    );
    let u = units(&s.app);
    // Recorded before the catalogue was split by issuer.
    let mut conn = s.app.pool().get().unwrap();
    diesel::update(award_kinds::table.find(other))
        .set(award_kinds::organising_body_id.eq(None::<i32>))
        .execute(&mut conn)
        .unwrap();
    drop(conn);
    let first = post_form(
        &s,
        2022,
        &with(&full_form(&s, &u), &[("a0_kind", &other.to_string())]),
        &s.session.csrf,
    )
    .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let mut conn = s.app.pool().get().unwrap();
    diesel::update(award_kinds::table.find(other))
        .set(award_kinds::organising_body_id.eq(Some(body_id(&s.app, "UBND tỉnh Bình Định"))))
        .execute(&mut conn)
        .unwrap();
    drop(conn);

    let path = format!("/clusters/{}/years/2022/edit", s.cluster);
    let form = s.app.get_as(&path, &s.session).await;
    form.assert_contains(&format!("<option value=\"{other}\" selected>"));
    let mut fields = form_fields(&form.body, &path);
    fields.push(("action".into(), "save".into()));
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let again = s.app.post_as(&path, Some(&s.session), &fields).await;
    assert_eq!(
        again.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&again.body)
    );
}

#[actix_web::test]
async fn tallies_put_each_issuers_flag_before_its_certificate() {
    let app = TestApp::with_demo();
    // Ranks 1 and 2 in each province's own catalogue: one global rank
    // would list Hà Tĩnh's flag, Bình Định's flag, then the certificates.
    let kinds = [
        add_kind(
            &app,
            "UBND tỉnh Hà Tĩnh",
            "Cờ thi đua của UBND tỉnh Hà Tĩnh",
            "Cờ HT",
            "title",
            1,
        ),
        add_kind(
            &app,
            "UBND tỉnh Bình Định",
            "Cờ thi đua của UBND tỉnh Bình Định",
            "Cờ BĐ",
            "title",
            1,
        ),
        add_kind(
            &app,
            "UBND tỉnh Hà Tĩnh",
            "Bằng khen của Chủ tịch UBND tỉnh Hà Tĩnh",
            "BK HT",
            "commendation",
            2,
        ),
        add_kind(
            &app,
            "UBND tỉnh Bình Định",
            "Bằng khen của Chủ tịch UBND tỉnh Bình Định",
            "BK BĐ",
            "commendation",
            2,
        ),
    ];
    {
        let mut conn = app.pool().get().unwrap();
        // One published year's proposal gets a sibling of each new kind.
        let (year, unit): (i32, i32) = award_proposals::table
            .inner_join(cluster_years::table)
            .filter(cluster_years::status.eq("published"))
            .select((award_proposals::cluster_year_id, award_proposals::unit_id))
            .first(&mut conn)
            .unwrap();
        for kind in kinds {
            diesel::insert_into(award_proposals::table)
                .values((
                    award_proposals::cluster_year_id.eq(year),
                    award_proposals::unit_id.eq(unit),
                    award_proposals::award_kind_id.eq(kind),
                ))
                .execute(&mut conn)
                .unwrap();
        }
    }
    let page = app.get("/awards").await;
    assert_eq!(page.status, StatusCode::OK);
    // The column headings, left to right.
    let headings: Vec<String> = page.rows().concat();
    let at = |short: &str| {
        headings
            .iter()
            .position(|cell| cell == short)
            .unwrap_or_else(|| panic!("column {short}"))
    };
    // Bình Định's body comes first in the bodies' order, the national
    // (shared) kinds before both.
    let national = at("Cờ thi đua của Chính phủ");
    assert!(national < at("Cờ BĐ"));
    assert!(
        at("Cờ BĐ") < at("BK BĐ"),
        "Bình Định's flag before its certificate"
    );
    assert!(
        at("BK BĐ") < at("Cờ HT"),
        "one issuer's columns stay together"
    );
    assert!(
        at("Cờ HT") < at("BK HT"),
        "Hà Tĩnh's flag before its certificate"
    );
}

async fn admin() -> (TestApp, Session) {
    let app = TestApp::with_demo();
    let password = app.add_user("quantri", "admin", &[]);
    let session = app.login("quantri", &password).await;
    (app, session)
}

#[actix_web::test]
async fn an_admin_adds_a_kind_to_a_bodys_own_catalogue() {
    let (app, s) = admin().await;
    let form = app.get_as("/admin/award-kinds/new", &s).await;
    form.assert_contains("Toàn quốc (Chính phủ, Trung ương)");
    let body = body_id(&app, "UBND tỉnh Bắc Kạn").to_string();
    let created = app
        .post_as(
            "/admin/award-kinds/new",
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("version", "0"),
                ("body", &body),
                ("name", "Cờ thi đua của UBND tỉnh Bắc Kạn"),
                ("short_name", "Cờ tỉnh Bắc Kạn"),
                ("issuing_authority", "Ủy ban nhân dân tỉnh Bắc Kạn"),
                ("category", "title"),
                ("rank", "1"),
            ],
        )
        .await;
    assert_eq!(
        created.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&created.body)
    );
    let list = app.get_as("/admin/award-kinds", &s).await;
    let text = visible_text(&list.body);
    assert!(
        text.contains("UBND tỉnh Bắc Kạn 1 Cờ thi đua của UBND tỉnh Bắc Kạn"),
        "{text}"
    );
    assert!(text.contains("Toàn quốc (Chính phủ, Trung ương) 1 Cờ thi đua của Chính phủ"));

    let missing = app
        .post_as(
            "/admin/award-kinds/new",
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("version", "0"),
                ("body", "9999"),
                ("name", "Cờ thi đua của một cơ quan không có"),
                ("short_name", "Cờ"),
                ("issuing_authority", "Không có"),
                ("category", "title"),
                ("rank", "1"),
            ],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    missing.assert_contains("Cơ quan này không có trong danh sách.");
}

#[actix_web::test]
async fn a_fatherland_front_committee_is_a_unit_shown_by_its_own_name() {
    let (app, s) = admin().await;
    let created = app
        .post_as(
            "/admin/units/new",
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("version", "0"),
                ("name", "Ủy ban MTTQ tỉnh Bắc Kạn"),
                ("kind", "fatherland_front"),
            ],
        )
        .await;
    assert_eq!(
        created.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&created.body)
    );
    let id = app.unit_id("Ủy ban MTTQ tỉnh Bắc Kạn", "fatherland_front");
    let page = app.get(&format!("/units/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Ủy ban MTTQ tỉnh Bắc Kạn");
    page.assert_lacks("xã Ủy ban");
    let form = app.get_as("/admin/units/new", &s).await;
    form.assert_contains("Ủy ban Mặt trận Tổ quốc Việt Nam");
    form.assert_contains("Doanh nghiệp");
}
