//! Recording an authority's decision on a proposed award.

use actix_web::http::StatusCode;
use diesel::prelude::*;

use crate::helpers::*;

fn proposal_id(app: &TestApp, unit: &str) -> i32 {
    use thidua::schema::{award_proposals, units};
    let mut conn = app.pool().get().unwrap();
    award_proposals::table
        .inner_join(units::table)
        .filter(units::name.eq(unit))
        .select(award_proposals::id)
        .first(&mut conn)
        .unwrap()
}

#[actix_web::test]
async fn a_decision_is_recorded_and_counted_apart_from_the_proposal() {
    let app = TestApp::with_demo();
    let cluster = app.cluster_id(BAC_KAN);
    let password = app.add_user("thuky", "clerk", &[cluster]);
    let session = app.login("thuky", &password).await;
    let id = proposal_id(&app, "Na Rì");
    let uri = format!("/awards/proposals/{id}/decision");

    let year_page = app
        .get_as(&format!("/clusters/{cluster}/years/2022"), &session)
        .await;
    year_page.assert_contains(&format!("href=\"{uri}\""));
    let form = app.get_as(&uri, &session).await;
    assert_eq!(form.status, StatusCode::OK);
    let version = hidden_value(&form.body, "version");

    // A bad date is refused with what was typed kept.
    let refused = app
        .post_as(
            &uri,
            Some(&session),
            &[
                ("csrf", &session.csrf),
                ("version", &version),
                ("status", "decided"),
                ("decision_date", "31/02/2023"),
                ("decided_by", "Chủ tịch UBND tỉnh"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("không phải là ngày có thật");
    refused.assert_contains("value=\"Chủ tịch UBND tỉnh\"");

    let fields = [
        ("csrf", session.csrf.as_str()),
        ("version", version.as_str()),
        ("status", "decided"),
        ("decision_number", "245/QĐ-UBND"),
        ("decision_date", "15/03/2023"),
        ("decided_by", "Chủ tịch UBND tỉnh Bắc Kạn"),
    ];
    let saved = app.post_as(&uri, Some(&session), &fields).await;
    assert_eq!(
        saved.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&saved.body)
    );
    let page = app.get(&format!("/clusters/{cluster}/years/2022")).await;
    page.assert_contains("Đã quyết định");
    page.assert_contains(
        "Quyết định số 245/QĐ-UBND ngày 15/03/2023 của Chủ tịch UBND tỉnh Bắc Kạn",
    );
    let tally = app.get("/awards").await;
    // The grand total closes the foot: 8 proposed, 1 decided.
    let foot = foot_cells(&tally.body);
    assert_eq!(foot[foot.len() - 2..], ["8", "1"], "{foot:?}");

    // The same stale form again is refused.
    let stale = app.post_as(&uri, Some(&session), &fields).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    stale.assert_contains("vừa được người khác cập nhật");
}

#[actix_web::test]
async fn only_the_clusters_clerks_record_decisions() {
    let app = TestApp::with_demo();
    let other = app.cluster_id(HA_TINH_2);
    let password = app.add_user("thuky", "clerk", &[other]);
    let session = app.login("thuky", &password).await;
    let uri = format!("/awards/proposals/{}/decision", proposal_id(&app, "Na Rì"));
    assert_eq!(
        app.get_as(&uri, &session).await.status,
        StatusCode::FORBIDDEN
    );
    let post = app
        .post_as(
            &uri,
            Some(&session),
            &[
                ("csrf", &session.csrf),
                ("version", "1"),
                ("status", "declined"),
            ],
        )
        .await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(&uri).await.status, StatusCode::SEE_OTHER);
}

#[actix_web::test]
async fn a_stale_or_unwritable_decision_comes_back_with_what_was_typed() {
    let app = TestApp::with_demo_pool_size(1);
    let cluster = app.cluster_id(BAC_KAN);
    let password = app.add_user("thuky", "clerk", &[cluster]);
    let session = app.login("thuky", &password).await;
    let uri = format!("/awards/proposals/{}/decision", proposal_id(&app, "Na Rì"));
    let version = hidden_value(&app.get_as(&uri, &session).await.body, "version");
    let fields = |number: &'static str| {
        [
            ("csrf", session.csrf.clone()),
            ("version", version.clone()),
            ("status", "decided".to_string()),
            ("decision_number", number.to_string()),
            ("decision_date", "15/03/2023".to_string()),
            ("decided_by", "Chủ tịch UBND tỉnh Bắc Kạn".to_string()),
            ("note", "Ghi chú vừa gõ".to_string()),
        ]
    };
    let post = |number: &'static str| {
        let fields = fields(number);
        let app = &app;
        let session = &session;
        let uri = uri.clone();
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_as(&uri, Some(session), &fields).await
        }
    };
    let audit = app.audit_actions().len();
    let set_read_only = |on: bool| {
        crate::engine::Faults(&mut app.pool().get().unwrap()).read_only(on);
    };
    set_read_only(true);
    let refused = post("245/QĐ-UBND").await;
    assert_eq!(
        refused.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        visible_text(&refused.body)
    );
    refused.assert_contains("cơ sở dữ liệu tạm thời chỉ cho đọc");
    refused.assert_contains("value=\"245/QĐ-UBND\"");
    refused.assert_contains("Ghi chú vừa gõ");
    assert_eq!(app.audit_actions().len(), audit, "nothing written");
    set_read_only(false);

    let control = post("245/QĐ\u{0}-UBND").await;
    assert_eq!(control.status, StatusCode::UNPROCESSABLE_ENTITY);
    control.assert_contains("Có ký tự điều khiển không in được");
    assert_eq!(app.audit_actions().len(), audit, "nothing written");

    let saved = post("245/QĐ-UBND").await;
    assert_eq!(
        saved.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&saved.body)
    );
    let stale = post("300/QĐ-UBND").await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    stale.assert_contains("vừa được người khác cập nhật");
    stale.assert_contains("value=\"300/QĐ-UBND\"");
    stale.assert_contains("Ghi chú vừa gõ");
}
