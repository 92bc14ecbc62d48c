//! An organising body's own counts of titles ("1.250 cá nhân đạt danh
//! hiệu Lao động tiên tiến" for the whole district): entered by an admin
//! on the body's page, shown there and added into the tallies; refused
//! values keep what was typed; clerks and strangers cannot write them.

use actix_web::http::StatusCode;
use diesel::prelude::*;
use thidua::schema::{body_title_counts, clusters};

use crate::helpers::*;

struct Board {
    app: TestApp,
    body: i32,
    cluster: i32,
    admin: Session,
}

async fn board() -> Board {
    let app = TestApp::with_demo();
    let cluster = app.cluster_id(HA_TINH_2);
    let body: i32 = clusters::table
        .find(cluster)
        .select(clusters::organising_body_id)
        .first(&mut app.pool().get().unwrap())
        .unwrap();
    let password = app.add_user("quantri", "admin", &[]);
    let admin = app.login("quantri", &password).await;
    Board {
        app,
        body,
        cluster,
        admin,
    }
}

fn stored(app: &TestApp) -> Vec<(i32, String, i32)> {
    body_title_counts::table
        .order(body_title_counts::id)
        .select((
            body_title_counts::year,
            body_title_counts::title,
            body_title_counts::count,
        ))
        .load(&mut app.pool().get().unwrap())
        .unwrap()
}

/// The form of `year` as the admin opens it, with these fields changed.
async fn form(b: &Board, year: i32, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let page = b
        .app
        .get_as(&format!("/bodies/{}/titles?year={year}", b.body), &b.admin)
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", visible_text(&page.body));
    let mut fields = form_fields(&page.body, &format!("/bodies/{}/titles", b.body));
    for (k, v) in changes {
        match fields.iter_mut().find(|(name, _)| name == k) {
            Some(f) => f.1 = v.to_string(),
            None => fields.push((k.to_string(), v.to_string())),
        }
    }
    fields
}

async fn post(b: &Board, session: Option<&Session>, fields: &[(String, String)]) -> Response {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    b.app
        .post_as(&format!("/bodies/{}/titles", b.body), session, &pairs)
        .await
}

const LDTT: &[(&str, &str)] = &[
    ("tc0_title", "Lao động tiên tiến"),
    ("tc0_recipient", "individual"),
    ("tc0_count", "1.250"),
    ("tc1_title", "Tập thể lao động xuất sắc"),
    ("tc1_recipient", "collective"),
    ("tc1_count", "35"),
    ("tc1_note", "theo báo cáo tổng kết của huyện"),
];

#[actix_web::test]
async fn a_bodys_counts_show_on_its_page_and_add_into_the_tallies() {
    let b = board().await;
    let before = b.app.get("/awards?from=2023&to=2023").await;
    before.assert_no_row(&["Lao động tiên tiến", "cá nhân", "1.250"]);

    let fields = form(&b, 2023, LDTT).await;
    let saved = post(&b, Some(&b.admin), &fields).await;
    assert_eq!(
        saved.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&saved.body)
    );
    assert_eq!(
        stored(&b.app),
        vec![
            (2023, "Lao động tiên tiến".to_string(), 1250),
            (2023, "Tập thể lao động xuất sắc".to_string(), 35),
        ]
    );

    // Public: the body's page, linked from the cluster page.
    let cluster = b.app.get(&format!("/clusters/{}", b.cluster)).await;
    cluster.assert_contains(&format!("<a href=\"/bodies/{}\">", b.body));
    let page = b.app.get(&format!("/bodies/{}", b.body)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Năm 2023");
    page.assert_row(&["Lao động tiên tiến", "1.250 cá nhân"]);
    page.assert_contains("35 tập thể");
    page.assert_contains("theo báo cáo tổng kết của huyện");
    page.assert_contains(&format!("<a href=\"/clusters/{}\">", b.cluster));

    // The tallies add them for the year and the body, not for a cluster.
    let all = b.app.get("/awards?from=2023&to=2023").await;
    all.assert_row(&["Lao động tiên tiến", "cá nhân", "1.250"]);
    let by_body = b.app.get(&format!("/awards?body={}", b.body)).await;
    by_body.assert_row(&["Lao động tiên tiến", "cá nhân", "1.250"]);
    let by_cluster = b.app.get(&format!("/awards?cluster={}", b.cluster)).await;
    by_cluster.assert_no_row(&["Lao động tiên tiến", "cá nhân", "1.250"]);
    let other_year = b.app.get("/awards?from=2020&to=2021").await;
    other_year.assert_no_row(&["Lao động tiên tiến", "cá nhân", "1.250"]);

    // Reopened, the form shows them the Vietnamese way; saving it again
    // unchanged writes nothing.
    let again = form(&b, 2023, &[]).await;
    assert!(again.contains(&("tc0_count".to_string(), "1.250".to_string())));
    let audits = b.app.audit_actions().len();
    let resaved = post(&b, Some(&b.admin), &again).await;
    assert_eq!(resaved.status, StatusCode::SEE_OTHER);
    assert_eq!(b.app.audit_actions().len(), audits);

    // Emptying a row removes it.
    let fewer = form(
        &b,
        2023,
        &[("tc1_title", ""), ("tc1_count", ""), ("tc1_note", "")],
    )
    .await;
    assert_eq!(
        post(&b, Some(&b.admin), &fewer).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(stored(&b.app).len(), 1);
}

#[actix_web::test]
async fn a_bad_count_is_refused_and_everything_typed_stays() {
    let b = board().await;
    let fields = form(
        &b,
        2023,
        &[
            ("tc0_title", "Chiến sĩ thi đua cơ sở"),
            ("tc0_count", "ba mươi"),
            ("tc0_note", "ghi chú của tôi"),
            ("tc1_title", ""),
            ("tc1_count", "12"),
        ],
    )
    .await;
    let response = post(&b, Some(&b.admin), &fields).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    response
        .assert_contains("“ba mươi” không phải là số lượng: nhập số nguyên không âm, ví dụ 1.250.");
    response.assert_contains("Nhập danh hiệu hoặc hình thức khen thưởng.");
    response.assert_contains("value=\"Chiến sĩ thi đua cơ sở\"");
    response.assert_contains("value=\"ghi chú của tôi\"");
    response.assert_contains("value=\"12\"");
    assert!(stored(&b.app).is_empty());

    let negative = form(
        &b,
        2023,
        &[("tc0_title", "Lao động tiên tiến"), ("tc0_count", "-5")],
    )
    .await;
    let response = post(&b, Some(&b.admin), &negative).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(stored(&b.app).is_empty());
}

#[actix_web::test]
async fn a_save_over_someone_elses_is_refused_with_the_typing_kept() {
    let b = board().await;
    let first = form(&b, 2022, LDTT).await;
    let second = form(
        &b,
        2022,
        &[("tc0_title", "Chiến sĩ thi đua cơ sở"), ("tc0_count", "40")],
    )
    .await;
    assert_eq!(
        post(&b, Some(&b.admin), &first).await.status,
        StatusCode::SEE_OTHER
    );
    let late = post(&b, Some(&b.admin), &second).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    late.assert_contains("vừa được người khác cập nhật");
    late.assert_contains("value=\"Chiến sĩ thi đua cơ sở\"");
    assert_eq!(stored(&b.app).len(), 2);
    assert_eq!(stored(&b.app)[0].1, "Lao động tiên tiến");
}

#[actix_web::test]
async fn only_an_admin_writes_a_bodys_counts() {
    let b = board().await;
    let fields = form(&b, 2023, LDTT).await;

    // Anonymous: to the sign-in page, nothing written.
    let anonymous = post(&b, None, &fields).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(
        anonymous
            .location
            .as_deref()
            .unwrap_or("")
            .starts_with("/login")
    );
    let form_anonymous = b
        .app
        .get(&format!("/bodies/{}/titles?year=2023", b.body))
        .await;
    assert_eq!(form_anonymous.status, StatusCode::SEE_OTHER);

    // A clerk, even of a cluster this body organises: 403.
    let password = b.app.add_user("thuky", "clerk", &[b.cluster]);
    let clerk = b.app.login("thuky", &password).await;
    let mut as_clerk = fields.clone();
    for f in as_clerk.iter_mut().filter(|(k, _)| k == "csrf") {
        f.1 = clerk.csrf.clone();
    }
    assert_eq!(
        post(&b, Some(&clerk), &as_clerk).await.status,
        StatusCode::FORBIDDEN
    );
    let clerk_form = b
        .app
        .get_as(&format!("/bodies/{}/titles?year=2023", b.body), &clerk)
        .await;
    assert_eq!(clerk_form.status, StatusCode::FORBIDDEN);
    let page = b.app.get_as(&format!("/bodies/{}", b.body), &clerk).await;
    assert!(!page.body.contains("/titles?year="));

    // The admin without the form's token: 403.
    let mut no_token = fields.clone();
    no_token.retain(|(k, _)| k != "csrf");
    assert_eq!(
        post(&b, Some(&b.admin), &no_token).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(stored(&b.app).is_empty());

    // A year outside the record's range, or a body that does not exist.
    let wild = b
        .app
        .get_as(&format!("/bodies/{}/titles?year=30000", b.body), &b.admin)
        .await;
    assert_eq!(wild.status, StatusCode::NOT_FOUND);
    assert_eq!(
        b.app.get("/bodies/999999").await.status,
        StatusCode::NOT_FOUND
    );
}
