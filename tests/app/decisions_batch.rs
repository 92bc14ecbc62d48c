//! One council decision for many proposals across clusters, the funnel it
//! shows on the tallies, and a year save that would drop a decision.

use actix_web::http::StatusCode;
use diesel::prelude::*;
use thidua::schema::{audit_log, award_kinds, award_proposals, cluster_years, units};

use crate::helpers::*;

fn kind_id(app: &TestApp, name: &str) -> i32 {
    let mut conn = app.pool().get().unwrap();
    award_kinds::table
        .filter(award_kinds::name.eq(name))
        .select(award_kinds::id)
        .first(&mut conn)
        .unwrap()
}

const FLAG: &str = "Cờ thi đua của Ủy ban nhân dân tỉnh";
const CERT: &str = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh";

/// (status, number, date, decided_by) of a unit's proposal of a kind.
#[allow(clippy::type_complexity)]
fn proposal(
    app: &TestApp,
    unit: &str,
    kind: i32,
) -> (
    i32,
    String,
    Option<String>,
    Option<chrono::NaiveDate>,
    Option<String>,
) {
    let mut conn = app.pool().get().unwrap();
    award_proposals::table
        .inner_join(units::table)
        .filter(units::name.eq(unit))
        .filter(award_proposals::award_kind_id.eq(kind))
        .select((
            award_proposals::id,
            award_proposals::status,
            award_proposals::decision_number,
            award_proposals::decision_date,
            award_proposals::decided_by,
        ))
        .first(&mut conn)
        .unwrap()
}

/// Two more certificate proposals in Bình Định's 2022, so that one kind
/// and year has proposals from two clusters.
fn add_certificates(app: &TestApp) -> i32 {
    let cert = kind_id(app, CERT);
    let cluster = app.cluster_id(BINH_DINH);
    let mut conn = app.pool().get().unwrap();
    let year_id: i32 = cluster_years::table
        .filter(cluster_years::cluster_id.eq(cluster))
        .filter(cluster_years::year.eq(2022))
        .select(cluster_years::id)
        .first(&mut conn)
        .unwrap();
    for unit in [
        app.unit_id("An Lão", "district"),
        app.unit_id("Hoài Ân", "district"),
    ] {
        diesel::insert_into(award_proposals::table)
            .values((
                award_proposals::cluster_year_id.eq(year_id),
                award_proposals::unit_id.eq(unit),
                award_proposals::award_kind_id.eq(cert),
            ))
            .execute(&mut conn)
            .unwrap();
    }
    cert
}

fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    for f in fields.iter_mut().filter(|f| f.0 == name) {
        f.1 = value.to_string();
    }
}

async fn admin(app: &TestApp) -> Session {
    let password = app.add_user("hoidong", "admin", &[]);
    app.login("hoidong", &password).await
}

fn award_audits(app: &TestApp) -> i64 {
    let mut conn = app.pool().get().unwrap();
    audit_log::table
        .filter(audit_log::entity.eq("award_proposal"))
        .count()
        .get_result(&mut conn)
        .unwrap()
}

#[actix_web::test]
async fn one_decision_settles_proposals_of_several_clusters() {
    let app = TestApp::with_demo();
    let cert = add_certificates(&app);
    let session = admin(&app).await;

    let picker = app.get_as("/decisions", &session).await;
    assert_eq!(picker.status, StatusCode::OK);
    let link = format!("/decisions/new?kind={cert}&amp;year=2022");
    picker.assert_contains(&link);
    // Bình Định and Bắc Kạn have their own organising bodies: each a line.
    let uri = format!("/decisions/new?kind={cert}&year=2022");
    let page = app.get_as(&uri, &session).await;
    assert_eq!(page.status, StatusCode::OK);
    for unit in ["Chợ Mới", "Pác Nặm", "An Lão", "Hoài Ân"] {
        page.assert_contains(unit);
    }
    // Sorted by cluster name ("…các huyện Trung du…" before "…các huyện,
    // thành phố"), then unit.
    let at = |t: &str| page.body.find(t).unwrap();
    assert!(at("An Lão") < at("Hoài Ân") && at("Hoài Ân") < at("Chợ Mới"));
    assert!(at("Chợ Mới") < at("Pác Nặm"));

    let (cho_moi, ..) = proposal(&app, "Chợ Mới", cert);
    let (pac_nam, ..) = proposal(&app, "Pác Nặm", cert);
    let (an_lao, ..) = proposal(&app, "An Lão", cert);
    let (hoai_an, ..) = proposal(&app, "Hoài Ân", cert);
    let mut fields = form_fields(&page.body, "/decisions/new");
    // The report gives the date and issuer but not the number.
    set(&mut fields, "decision_date", "20/04/2023");
    set(&mut fields, "decided_by", "Chủ tịch UBND tỉnh");
    set(&mut fields, &format!("c{cho_moi}"), "decided");
    set(&mut fields, &format!("c{an_lao}"), "decided");
    set(&mut fields, &format!("c{pac_nam}"), "declined");
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let saved = app.post_as("/decisions/new", Some(&session), &fields).await;
    assert_eq!(
        saved.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&saved.body)
    );

    let date = chrono::NaiveDate::from_ymd_opt(2023, 4, 20);
    let by = Some("Chủ tịch UBND tỉnh".to_string());
    assert_eq!(
        proposal(&app, "Chợ Mới", cert),
        (cho_moi, "decided".into(), None, date, by.clone())
    );
    assert_eq!(
        proposal(&app, "An Lão", cert),
        (an_lao, "decided".into(), None, date, by.clone())
    );
    assert_eq!(
        proposal(&app, "Pác Nặm", cert),
        (pac_nam, "declined".into(), None, None, by)
    );
    assert_eq!(
        proposal(&app, "Hoài Ân", cert),
        (hoai_an, "proposed".into(), None, None, None)
    );
    assert_eq!(award_audits(&app), 3, "one audit line per settled proposal");

    // The funnel: 4 proposed, 2 decided, 1 not awarded, 1 pending.
    let tally = app.get(&format!("/awards?kind={cert}")).await;
    tally.assert_contains("<svg");
    tally.assert_contains("Bằng khen của UBND tỉnh: 2 đã quyết định khen thưởng");
    tally.assert_row(&["Bằng khen của UBND tỉnh", "4", "2", "1", "1"]);
    // By year with a year range, and filtered by issuer.
    let by_year = app
        .get("/awards?from=2022&to=2022&issuer=Ch%E1%BB%A7+t%E1%BB%8Bch+UBND+t%E1%BB%89nh")
        .await;
    by_year.assert_row(&["Bằng khen của UBND tỉnh — năm 2022", "4"]);
    by_year.assert_lacks("<th scope=\"row\">Cờ thi đua của UBND tỉnh");
    // Only Hoài Ân is still waiting.
    let again = app.get_as(&uri, &session).await;
    again.assert_contains("Hoài Ân");
    assert!(!again.body.contains(&format!("name=\"c{cho_moi}\"")));
}

#[actix_web::test]
async fn a_stale_proposal_refuses_the_whole_decision_and_keeps_the_input() {
    let app = TestApp::with_demo();
    let cert = add_certificates(&app);
    let session = admin(&app).await;
    let uri = format!("/decisions/new?kind={cert}&year=2022");
    let page = app.get_as(&uri, &session).await;
    let (cho_moi, ..) = proposal(&app, "Chợ Mới", cert);
    let (an_lao, ..) = proposal(&app, "An Lão", cert);
    let mut fields = form_fields(&page.body, "/decisions/new");
    set(&mut fields, "decision_number", "999/QĐ-UBND");
    set(&mut fields, "decision_date", "20/04/2023");
    set(&mut fields, &format!("c{cho_moi}"), "decided");
    set(&mut fields, &format!("c{an_lao}"), "decided");
    // Someone edits An Lão's proposal meanwhile.
    {
        let mut conn = app.pool().get().unwrap();
        diesel::update(award_proposals::table.find(an_lao))
            .set(award_proposals::version.eq(award_proposals::version + 1))
            .execute(&mut conn)
            .unwrap();
    }
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let stale = app.post_as("/decisions/new", Some(&session), &fields).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    stale.assert_contains("vừa được người khác cập nhật");
    stale.assert_contains("value=\"999/QĐ-UBND\"");
    stale.assert_contains("(vừa thay đổi)");
    assert_eq!(proposal(&app, "Chợ Mới", cert).1, "proposed");
    assert_eq!(proposal(&app, "An Lão", cert).1, "proposed");
    assert_eq!(award_audits(&app), 0);
}

#[actix_web::test]
async fn a_clerk_may_not_record_a_council_decision() {
    let app = TestApp::with_demo();
    let cert = kind_id(&app, CERT);
    let cluster = app.cluster_id(BAC_KAN);
    let password = app.add_user("thuky", "clerk", &[cluster]);
    let session = app.login("thuky", &password).await;
    let page = app
        .get_as(&format!("/decisions/new?kind={cert}&year=2022"), &session)
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let (cho_moi, ..) = proposal(&app, "Chợ Mới", cert);
    let (kind, version, choice) = (
        cert.to_string(),
        format!("v{cho_moi}"),
        format!("c{cho_moi}"),
    );
    let post = app
        .post_as(
            "/decisions/new",
            Some(&session),
            &[
                ("csrf", &session.csrf),
                ("kind", &kind),
                ("year", "2022"),
                ("decided_by", "Chủ tịch UBND tỉnh"),
                (&version, "1"),
                (&choice, "decided"),
            ],
        )
        .await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    assert_eq!(proposal(&app, "Chợ Mới", cert).1, "proposed");
}

#[actix_web::test]
async fn proposals_of_draft_years_are_not_listed() {
    let app = TestApp::with_demo();
    let flag = kind_id(&app, FLAG);
    {
        let cluster = app.cluster_id(BINH_DINH);
        let mut conn = app.pool().get().unwrap();
        diesel::update(
            cluster_years::table
                .filter(cluster_years::cluster_id.eq(cluster))
                .filter(cluster_years::year.eq(2022)),
        )
        .set(cluster_years::status.eq("draft"))
        .execute(&mut conn)
        .unwrap();
    }
    let session = admin(&app).await;
    let page = app
        .get_as(&format!("/decisions/new?kind={flag}&year=2022"), &session)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Na Rì");
    assert!(
        !page.body.contains("An Lão"),
        "a draft's proposal is listed"
    );
}

#[actix_web::test]
async fn changing_the_kind_of_a_decided_proposal_is_refused() {
    let app = TestApp::with_demo();
    let flag = kind_id(&app, FLAG);
    let cert = kind_id(&app, CERT);
    let session = admin(&app).await;
    let (na_ri, ..) = proposal(&app, "Na Rì", flag);
    {
        let mut conn = app.pool().get().unwrap();
        diesel::update(award_proposals::table.find(na_ri))
            .set((
                award_proposals::status.eq("decided"),
                award_proposals::decision_number.eq("245/QĐ-UBND"),
                award_proposals::decision_date.eq(chrono::NaiveDate::from_ymd_opt(2023, 3, 15)),
            ))
            .execute(&mut conn)
            .unwrap();
    }
    let cluster = app.cluster_id(BAC_KAN);
    let edit = format!("/clusters/{cluster}/years/2022/edit");
    let page = app.get_as(&edit, &session).await;
    let mut fields = form_fields(&page.body, &edit);
    let na_ri_unit = app.unit_id("Na Rì", "district").to_string();
    let row = fields
        .iter()
        .find(|(k, v)| k.ends_with("_unit") && k.starts_with('a') && *v == na_ri_unit)
        .map(|(k, _)| k.trim_end_matches("_unit").to_string())
        .expect("Na Rì's award row");
    set(&mut fields, &format!("{row}_kind"), &cert.to_string());
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let refused = app.post_as(&edit, Some(&session), &fields).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        visible_text(&refused.body)
    );
    refused.assert_contains(
        "đã có kết quả “Đã quyết định” (quyết định số 245/QĐ-UBND ngày 15/03/2023)",
    );
    refused.assert_contains(&format!("id=\"err-{row}_kind\""));
    let (id, status, number, ..) = proposal(&app, "Na Rì", flag);
    assert_eq!(
        (id, status.as_str(), number.as_deref()),
        (na_ri, "decided", Some("245/QĐ-UBND"))
    );
}
