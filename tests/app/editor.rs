//! The meeting-results form: who may use it, what it refuses, what it saves.

use actix_web::http::StatusCode;

use crate::helpers::*;

pub(crate) struct Setup {
    pub app: TestApp,
    pub cluster: i32,
    pub session: Session,
}

/// A clerk of the Hà Tĩnh cluster no. 2, signed in.
pub(crate) async fn clerk_of_ha_tinh() -> Setup {
    let app = TestApp::with_demo();
    let cluster = app.cluster_id(HA_TINH_2);
    let password = app.add_user("thuky", "clerk", &[cluster]);
    let session = app.login("thuky", &password).await;
    Setup {
        app,
        cluster,
        session,
    }
}

/// A complete 2022 summary for Hà Tĩnh cluster no. 2 (a made-up year
/// built on its real members), as the form sends it.
pub(crate) fn full_form<'a>(s: &'a Setup, units: &'a Units) -> Vec<(&'static str, String)> {
    let _ = s;
    vec![
        ("version", "1".into()),
        ("status", "published".into()),
        ("conference_id", "".into()),
        ("conf_kind", "year_end_summary".into()),
        (
            "conf_title",
            "Hội nghị tổng kết công tác thi đua năm 2022".into(),
        ),
        ("conf_date", "06/01/2023".into()),
        ("conf_part", "morning".into()),
        ("conf_locality", "Lộc Hà".into()),
        ("conf_venue", "Hội trường UBND huyện Lộc Hà".into()),
        ("conf_host", units.loc_ha.to_string()),
        ("members_present", "6".into()),
        (
            "minutes",
            "Đoạn một của biên bản.\n\nĐoạn hai của biên bản.".into(),
        ),
        ("p0_role", "presiding".into()),
        ("p0_name", "Nguyễn Văn Chủ Trì".into()),
        ("p0_title", "Chủ tịch UBND huyện Lộc Hà".into()),
        ("p0_org", "".into()),
        ("p0_remarks", "".into()),
        ("p1_role", "guest".into()),
        ("p1_name", "Trần Thị Khách".into()),
        (
            "p1_title",
            "Phó Trưởng ban Thi đua - Khen thưởng tỉnh".into(),
        ),
        ("p1_org", "".into()),
        ("p1_remarks", "Đề nghị các huyện tiếp tục đổi mới.".into()),
        ("theme", "Đoàn kết - Sáng tạo - Về đích".into()),
        (
            "m0_name",
            "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau".into(),
        ),
        ("summary", "Kết quả nổi bật của năm.".into()),
        ("chair_unit", units.loc_ha.to_string()),
        ("chair_person", "Nguyễn Văn Chủ Trì".into()),
        ("chair_title", "Chủ tịch UBND huyện Lộc Hà".into()),
        ("vice_unit", units.ky_anh.to_string()),
        ("i0_name", "Giá trị sản xuất nông nghiệp".into()),
        ("i0_measure", "tỷ đồng".into()),
        ("i0_all_value", "".into()),
        (leak(format!("i0_u{}_value", units.loc_ha)), "1.854".into()),
        (
            leak(format!("i0_u{}_qual", units.loc_ha)),
            "estimated_over".into(),
        ),
        (leak(format!("i0_u{}_growth", units.loc_ha)), "3,5".into()),
        (leak(format!("i0_u{}_value", units.ky_anh)), "525,2".into()),
        (leak(format!("i0_u{}_plan", units.ky_anh)), "100".into()),
        (leak(format!("r_u{}_rank", units.loc_ha)), "1".into()),
        (leak(format!("r_u{}_score", units.loc_ha)), "98,5".into()),
        ("a0_unit", units.loc_ha.to_string()),
        ("a0_kind", units.provincial_flag.to_string()),
        ("a0_for", "5".into()),
        ("a0_against", "1".into()),
        ("a0_abstain", "0".into()),
        ("next_chair", units.ky_anh.to_string()),
        ("next_vice", units.cam_xuyen.to_string()),
        ("next_selection", "elected".into()),
        ("cov_date", "06/01/2023".into()),
        ("cov_place", "huyện Lộc Hà".into()),
        ("cov_content", "Ký kết giao ước thi đua năm 2023.".into()),
        ("directions", "Phương hướng năm 2023.".into()),
    ]
}

pub(crate) fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

pub(crate) struct Units {
    pub loc_ha: i32,
    pub ky_anh: i32,
    pub cam_xuyen: i32,
    pub an_lao: i32,
    pub provincial_flag: i32,
}

pub(crate) fn units(app: &TestApp) -> Units {
    use diesel::prelude::*;
    use thidua::schema::award_kinds;
    let provincial_flag = {
        let mut conn = app.pool().get().unwrap();
        award_kinds::table
            .filter(award_kinds::name.eq("Cờ thi đua của Ủy ban nhân dân tỉnh"))
            .select(award_kinds::id)
            .first(&mut conn)
            .unwrap()
    };
    Units {
        loc_ha: app.unit_id("Lộc Hà", "district"),
        ky_anh: app.unit_id("Kỳ Anh", "district"),
        cam_xuyen: app.unit_id("Cẩm Xuyên", "district"),
        an_lao: app.unit_id("An Lão", "district"),
        provincial_flag,
    }
}

pub(crate) fn with(
    form: &[(&'static str, String)],
    changes: &[(&'static str, &str)],
) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = form
        .iter()
        .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
        .cloned()
        .collect();
    out.extend(changes.iter().map(|(k, v)| (*k, v.to_string())));
    out
}

pub(crate) async fn post_form(
    s: &Setup,
    year: i32,
    fields: &[(&'static str, String)],
    csrf: &str,
) -> Response {
    let mut all: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    all.push(("csrf", csrf));
    all.push(("action", "save"));
    s.app
        .post_as(
            &format!("/clusters/{}/years/{year}/edit", s.cluster),
            Some(&s.session),
            &all,
        )
        .await
}

fn year_theme(app: &TestApp, cluster: i32, year: i32) -> Option<String> {
    use diesel::prelude::*;
    use thidua::schema::cluster_years;
    let mut conn = app.pool().get().unwrap();
    cluster_years::table
        .filter(cluster_years::cluster_id.eq(cluster))
        .filter(cluster_years::year.eq(year))
        .select(cluster_years::theme)
        .first(&mut conn)
        .unwrap()
}

#[actix_web::test]
async fn a_clerk_saves_a_complete_summary_and_the_public_page_shows_it() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let form = full_form(&s, &u);
    let response = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(
        response.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&response.body)
    );
    assert_eq!(
        response.location.as_deref(),
        Some(format!("/clusters/{}/years/2022?saved=1", s.cluster).as_str())
    );

    let page = s
        .app
        .get(&format!("/clusters/{}/years/2022", s.cluster))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    for fact in [
        "Đoàn kết - Sáng tạo - Về đích",
        "Sáng 06/01/2023",
        "Hội trường UBND huyện Lộc Hà",
        "Nguyễn Văn Chủ Trì",
        "Trần Thị Khách",
        "Đề nghị các huyện tiếp tục đổi mới.",
        "<p>Đoạn hai của biên bản.</p>",
        "ước đạt trên 1.854",
        "tăng 3,5% so với cùng kỳ",
        "525,2",
        "đạt 100% kế hoạch",
        "98,5",
        "5 tán thành, 1 không tán thành, 0 không biểu quyết",
        "Cả nước chung tay vì người nghèo",
        "Giao ước thi đua năm 2023",
        "Phương hướng năm 2023.",
    ] {
        page.assert_contains(fact);
    }
    let next = &page.body[page
        .body
        .find("Cụm trưởng, Cụm phó năm 2023")
        .expect("2023 chair")..];
    assert!(next.find("huyện Kỳ Anh").unwrap() < next.find("huyện Cẩm Xuyên").unwrap());

    // Next year's record starts with the chair chosen for it.
    let next_form = s
        .app
        .get_as(
            &format!("/clusters/{}/years/2023/edit", s.cluster),
            &s.session,
        )
        .await;
    assert_eq!(next_form.status, StatusCode::OK);
    let chair = &next_form.body[next_form.body.find("name=\"chair_unit\"").unwrap()..];
    let chair = &chair[..chair.find("</select>").unwrap()];
    assert!(
        chair.contains(&format!("value=\"{}\" selected", u.ky_anh)),
        "2023 chair pre-filled"
    );

    let log = s.app.audit_actions();
    assert!(log.iter().any(|(action, who, note)| action == "update"
        && who.as_deref() == Some("thuky")
        && note.as_deref().is_some_and(|n| n.contains("năm 2022"))));
}

#[actix_web::test]
async fn the_form_shows_what_is_on_record() {
    let s = clerk_of_ha_tinh().await;
    let page = s
        .app
        .get_as(
            &format!("/clusters/{}/years/2021/edit", s.cluster),
            &s.session,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_well_formed(&page.body);
    page.assert_contains("value=\"07/01/2022\"");
    page.assert_contains("value=\"Nguyễn Văn Hùng\"");
    page.assert_contains("value=\"8,3\"");
    page.assert_contains("<label for=\"conf_date\">Ngày họp</label>");
}

#[actix_web::test]
async fn a_number_that_reads_two_ways_is_said_back_before_it_is_saved() {
    use diesel::prelude::*;
    use thidua::schema::indicator_values;
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let figure = leak(format!("i0_u{}_value", u.ky_anh));
    let form = with(&full_form(&s, &u), &[(figure, "1,854")]);
    let first = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(first.status, StatusCode::UNPROCESSABLE_ENTITY);
    first.assert_contains("Chưa lưu: 1 số có thể hiểu hai cách");
    let beside = first
        .body
        .split(&format!("id=\"err-{figure}\">"))
        .nth(1)
        .unwrap_or_default();
    assert!(
        beside.starts_with("Đã hiểu “1,854” là số thập phân 1,854"),
        "{beside}"
    );
    assert!(beside.contains("hãy viết 1.854"), "{beside}");
    // What was typed comes back as typed, and nothing is written yet.
    assert!(
        first
            .body
            .contains(&format!("name=\"{figure}\" value=\"1,854\""))
    );
    let stored = |app: &TestApp| -> Vec<Option<String>> {
        let mut conn = app.pool().get().unwrap();
        indicator_values::table
            .filter(indicator_values::unit_id.eq(u.ky_anh))
            .select(indicator_values::value)
            .load(&mut conn)
            .unwrap()
    };
    assert!(!stored(&s.app).contains(&Some("1.854".to_string())));

    // Saving again as the page offers keeps the reading: 1,854.
    let mut again = form.clone();
    again.push(("numbers_confirmed", "1".into()));
    assert!(
        first
            .body
            .contains("name=\"numbers_confirmed\" value=\"1\"")
    );
    let saved = post_form(&s, 2022, &again, &s.session.csrf).await;
    assert_eq!(
        saved.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&saved.body)
    );
    assert!(
        stored(&s.app).contains(&Some("1.854".to_string())),
        "{:?}",
        stored(&s.app)
    );
    s.app
        .get(&format!("/clusters/{}/years/2022", s.cluster))
        .await
        .assert_contains("1,854");

    // "1.854" is a thousand and more, saved at once.
    let thousands = with(&full_form(&s, &u), &[(figure, "1.854"), ("version", "2")]);
    let direct = post_form(&s, 2022, &thousands, &s.session.csrf).await;
    assert_eq!(
        direct.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&direct.body)
    );
    assert!(
        stored(&s.app).contains(&Some("1854".to_string())),
        "{:?}",
        stored(&s.app)
    );
}

#[actix_web::test]
async fn refused_values_come_back_with_messages_and_nothing_is_written() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let form = full_form(&s, &u);
    let an_lao = u.an_lao.to_string();
    let loc_ha = u.loc_ha.to_string();
    let log_before = s.app.audit_actions().len();
    let bad = with(
        &form,
        &[
            ("conf_date", "31/02/2023"),
            ("vice_unit", &loc_ha),
            ("a0_for", "6"),
            ("a0_against", "2"),
            ("a1_unit", &an_lao),
            ("a1_kind", "1"),
            (leak(format!("i0_u{}_value", u.loc_ha)), "1,854.5"),
        ],
    );
    let response = post_form(&s, 2022, &bad, &s.session.csrf).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    response.assert_contains("Chưa lưu: có");
    response.assert_contains("“31/02/2023” không phải là ngày có thật");
    response.assert_contains("Cụm phó phải khác Cụm trưởng.");
    response.assert_contains("Tổng số phiếu (8) vượt số đơn vị có mặt (6).");
    response.assert_contains(
        "Đơn vị được đề nghị khen thưởng phải là đơn vị thành viên của Cụm trong năm đó.",
    );
    response.assert_contains("Không rõ cách viết số “1,854.5”");
    // What was typed is still there.
    response.assert_contains("value=\"31/02/2023\"");
    response.assert_contains("value=\"1,854.5\"");
    response.assert_contains("value=\"Trần Thị Khách\"");
    response.assert_contains("aria-describedby=\"err-conf_date\"");
    // And nothing was saved.
    assert_eq!(year_theme(&s.app, s.cluster, 2022), None);
    assert_eq!(s.app.audit_actions().len(), log_before);

    let duplicate = with(
        &form,
        &[
            ("a1_unit", &loc_ha),
            ("a1_kind", leak(u.provincial_flag.to_string())),
        ],
    );
    let response = post_form(&s, 2022, &duplicate, &s.session.csrf).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    response.assert_contains("Đơn vị này đã được đề nghị hình thức này ở dòng trên.");

    let outside = post_form(&s, 2025, &with(&form, &[("version", "0")]), &s.session.csrf).await;
    assert_eq!(outside.status, StatusCode::UNPROCESSABLE_ENTITY);
    outside.assert_contains("Cụm chỉ hoạt động đến năm 2024");
}

#[actix_web::test]
async fn a_second_save_from_a_stale_form_is_refused_and_keeps_its_input() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let form = full_form(&s, &u);
    let first = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let second = post_form(
        &s,
        2022,
        &with(&form, &[("theme", "Chủ đề của người thứ hai")]),
        &s.session.csrf,
    )
    .await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    second.assert_contains("vừa được người khác lưu");
    second.assert_contains("value=\"Chủ đề của người thứ hai\"");
    assert_eq!(
        year_theme(&s.app, s.cluster, 2022).as_deref(),
        Some("Đoàn kết - Sáng tạo - Về đích")
    );
}

#[actix_web::test]
async fn a_failure_half_way_writes_nothing() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    crate::engine::Faults(&mut s.app.pool().get().unwrap()).refuse(
        "refuse_awards",
        "BEFORE INSERT",
        "award_proposals",
    );
    let response = post_form(&s, 2022, &full_form(&s, &u), &s.session.csrf).await;
    assert_eq!(response.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        year_theme(&s.app, s.cluster, 2022),
        None,
        "the year's own fields were rolled back"
    );
    let page = s
        .app
        .get(&format!("/clusters/{}/years/2022", s.cluster))
        .await;
    assert!(
        !page.body.contains("Trần Thị Khách"),
        "the conference was rolled back"
    );
}

#[actix_web::test]
async fn a_draft_is_seen_only_by_the_clusters_clerks() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let response = post_form(
        &s,
        2022,
        &with(&full_form(&s, &u), &[("status", "draft")]),
        &s.session.csrf,
    )
    .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    let public = s
        .app
        .get(&format!("/clusters/{}/years/2022", s.cluster))
        .await;
    assert_eq!(public.status, StatusCode::NOT_FOUND);
    let own = s
        .app
        .get_as(
            &format!("/clusters/{}/years/2022?saved=1", s.cluster),
            &s.session,
        )
        .await;
    assert_eq!(own.status, StatusCode::OK);
    own.assert_contains("Bản nháp");
    own.assert_contains("Đã lưu kết quả năm 2022");
}

#[actix_web::test]
async fn only_the_clusters_clerks_and_admins_may_edit() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let form = full_form(&s, &u);
    let other_cluster = s.app.cluster_id(BAC_KAN);
    let edit = |c: i32| format!("/clusters/{c}/years/2022/edit");

    // The edit link shows only to someone who may use it.
    let own = s
        .app
        .get_as(&format!("/clusters/{}/years/2021", s.cluster), &s.session)
        .await;
    own.assert_contains(&format!(
        "href=\"{}\"",
        edit(s.cluster).replace("2022", "2021")
    ));
    let other = s
        .app
        .get_as(&format!("/clusters/{other_cluster}/years/2022"), &s.session)
        .await;
    assert!(
        !other.body.contains("/edit\""),
        "edit link shown to a clerk of another cluster"
    );
    let anonymous = s
        .app
        .get(&format!("/clusters/{}/years/2021", s.cluster))
        .await;
    assert!(!anonymous.body.contains("/edit\""));

    // A clerk of another cluster gets 403, and the refusal is audited.
    let refused = s.app.get_as(&edit(other_cluster), &s.session).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    refused.assert_contains("Không có quyền thực hiện");
    let mut fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fields.push(("csrf", &s.session.csrf));
    let post = s
        .app
        .post_as(&edit(other_cluster), Some(&s.session), &fields)
        .await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    assert!(
        s.app
            .audit_actions()
            .iter()
            .any(|(a, who, _)| a == "write_refused" && who.as_deref() == Some("thuky"))
    );

    // Not signed in: the login page, and the POST is refused and audited.
    let get = s.app.get(&edit(s.cluster)).await;
    assert_eq!(get.status, StatusCode::SEE_OTHER);
    let post = s.app.post_as(&edit(s.cluster), None, &fields).await;
    assert_eq!(post.status, StatusCode::SEE_OTHER);
    assert!(
        s.app
            .send(actix_web::test::TestRequest::get().uri(&edit(s.cluster)))
            .await
            .location
            .unwrap()
            .starts_with("/login?next=")
    );
    assert!(
        s.app
            .audit_actions()
            .iter()
            .any(|(a, who, _)| a == "write_refused" && who.is_none())
    );
    assert_eq!(year_theme(&s.app, s.cluster, 2022), None);

    // An admin may edit any cluster.
    let admin_password = s.app.add_user("quantri", "admin", &[]);
    let admin = s.app.login("quantri", &admin_password).await;
    let page = s.app.get_as(&edit(other_cluster), &admin).await;
    assert_eq!(page.status, StatusCode::OK);
}

#[actix_web::test]
async fn a_post_without_the_csrf_token_is_refused() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let response = post_form(&s, 2022, &full_form(&s, &u), "not-the-token").await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    response.assert_contains("Biểu mẫu không hợp lệ");
    assert_eq!(year_theme(&s.app, s.cluster, 2022), None);
    assert!(
        s.app
            .audit_actions()
            .iter()
            .any(|(a, who, note)| a == "write_refused"
                && who.as_deref() == Some("thuky")
                && note.as_deref().is_some_and(|n| n.contains("CSRF")))
    );
}

#[actix_web::test]
async fn a_body_over_the_limit_is_refused_with_a_message() {
    let s = clerk_of_ha_tinh().await;
    let huge = "x".repeat(300 * 1024);
    let response = s
        .app
        .post_as(
            &format!("/clusters/{}/years/2022/edit", s.cluster),
            Some(&s.session),
            &[("csrf", &s.session.csrf), ("minutes", &huge)],
        )
        .await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    response.assert_contains("Dữ liệu gửi lên quá lớn");
}

#[actix_web::test]
async fn more_rows_are_added_without_saving() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let mut fields: Vec<(&str, String)> = full_form(&s, &u);
    fields.push(("csrf", s.session.csrf.clone()));
    fields.push(("action", "add_rows".into()));
    let all: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = s
        .app
        .post_as(
            &format!("/clusters/{}/years/2022/edit", s.cluster),
            Some(&s.session),
            &all,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    // Two participants were sent; three blank rows follow them.
    response.assert_contains("name=\"p4_name\"");
    assert!(!response.body.contains("name=\"p5_name\""));
    response.assert_contains("name=\"i3_name\"");
    response.assert_contains("value=\"Trần Thị Khách\"");
    assert_eq!(year_theme(&s.app, s.cluster, 2022), None);
}

#[actix_web::test]
async fn a_break_from_rotation_is_saved_with_a_warning() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let vu_quang = s.app.unit_id("Vũ Quang", "district").to_string();
    // Vũ Quang chaired 2021; chairing 2022 again while four members have
    // not chaired yet breaks the rotation.
    let form = with(
        &full_form(&s, &u),
        &[("chair_unit", &vu_quang), ("vice_unit", "")],
    );
    let response = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    let page = s
        .app
        .get_as(
            &format!("/clusters/{}/years/2022?saved=1", s.cluster),
            &s.session,
        )
        .await;
    page.assert_contains("Đã lưu kết quả năm 2022");
    page.assert_contains("Lưu ý: huyện Vũ Quang làm Cụm trưởng năm 2022 khi vẫn còn đơn vị thành viên chưa làm Cụm trưởng.");
}

#[actix_web::test]
async fn the_history_shows_who_changed_what() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let first = post_form(&s, 2022, &full_form(&s, &u), &s.session.csrf).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let second = post_form(
        &s,
        2022,
        &with(
            &full_form(&s, &u),
            &[("version", "2"), ("theme", "Chủ đề đã sửa")],
        ),
        &s.session.csrf,
    )
    .await;
    assert_eq!(second.status, StatusCode::SEE_OTHER);
    let uri = format!("/clusters/{}/years/2022/history", s.cluster);
    let page = s.app.get_as(&uri, &s.session).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("thuky");
    page.assert_row(&[
        "Chủ đề thi đua",
        "Đoàn kết - Sáng tạo - Về đích",
        "Chủ đề đã sửa",
    ]);
    assert_eq!(
        s.app.get(&uri).await.status,
        StatusCode::SEE_OTHER,
        "history is for signed-in users"
    );
}

#[actix_web::test]
async fn a_year_is_deleted_only_after_confirmation() {
    let s = clerk_of_ha_tinh().await;
    let uri = format!("/clusters/{}/years/2021/delete", s.cluster);
    let confirm = s.app.get_as(&uri, &s.session).await;
    assert_eq!(confirm.status, StatusCode::OK);
    confirm.assert_contains("Xóa toàn bộ hồ sơ năm 2021");
    assert_eq!(
        s.app
            .get(&format!("/clusters/{}/years/2021", s.cluster))
            .await
            .status,
        StatusCode::OK
    );
    let deleted = s
        .app
        .post_as(&uri, Some(&s.session), &[("csrf", &s.session.csrf)])
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(
        s.app
            .get(&format!("/clusters/{}/years/2021", s.cluster))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(
        s.app
            .audit_actions()
            .iter()
            .any(|(a, _, n)| a == "delete" && n.as_deref().is_some_and(|n| n.contains("2021")))
    );
}

#[actix_web::test]
async fn a_ten_member_cluster_with_ten_indicators_fits_in_one_form() {
    let app = TestApp::with_demo();
    let cluster = app.cluster_id(CENTRAL);
    let password = app.add_user("thuky", "clerk", &[cluster]);
    let session = app.login("thuky", &password).await;
    let form = app
        .get_as(&format!("/clusters/{cluster}/years/2022/edit"), &session)
        .await;
    let version = hidden_value(&form.body, "version");
    let members: Vec<i32> = {
        let select = &form.body[form.body.find("name=\"chair_unit\"").unwrap()..];
        let select = &select[..select.find("</select>").unwrap()];
        select
            .split("<option value=\"")
            .skip(2)
            .map(|option| option[..option.find('"').unwrap()].parse().unwrap())
            .collect()
    };
    assert_eq!(members.len(), 10);
    let mut fields: Vec<(String, String)> = vec![
        ("csrf".into(), session.csrf.clone()),
        ("version".into(), version),
        ("status".into(), "published".into()),
        ("conf_kind".into(), "year_end_summary".into()),
        ("conf_date".into(), "30/03/2023".into()),
        ("members_present".into(), "10".into()),
        ("minutes".into(), "Biên bản hội nghị rất dài. ".repeat(400)),
        ("action".into(), "save".into()),
    ];
    for k in 0..10 {
        fields.push((
            format!("i{k}_name"),
            format!("Chỉ tiêu số {k} của các tỉnh trong Cụm"),
        ));
        fields.push((format!("i{k}_measure"), "tỷ đồng".into()));
        for u in &members {
            for (field, value) in [
                ("value", "12.345,6"),
                ("qual", "estimated_over"),
                ("growth", "10,25"),
                ("same", "110,25"),
                ("plan", "101,5"),
                ("note", "Ghi chú ngắn"),
            ] {
                fields.push((format!("i{k}_u{u}_{field}"), value.into()));
            }
        }
    }
    let body: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let encoded_len: usize = fields.iter().map(|(k, v)| k.len() + v.len() * 3 + 2).sum();
    assert!(
        encoded_len > 16 * 1024,
        "the test form is larger than actix's default limit"
    );
    let response = app
        .post_as(
            &format!("/clusters/{cluster}/years/2022/edit"),
            Some(&session),
            &body,
        )
        .await;
    assert_eq!(
        response.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&response.body)
    );
    let page = app.get(&format!("/clusters/{cluster}/years/2022")).await;
    assert_eq!(page.body.matches("ước đạt trên 12.345,6").count(), 100);
}

#[actix_web::test]
async fn every_field_of_the_form_has_a_label_tied_to_it() {
    let s = clerk_of_ha_tinh().await;
    let page = s
        .app
        .get_as(
            &format!("/clusters/{}/years/2021/edit", s.cluster),
            &s.session,
        )
        .await;
    let html = page.body.as_str();
    let attr = |tag: &str, name: &str| -> Option<String> {
        let marker = format!(" {name}=\"");
        let start = tag.find(&marker)? + marker.len();
        Some(tag[start..start + tag[start..].find('"')?].to_string())
    };
    let mut checked = 0;
    for control in ["<input", "<select", "<textarea"] {
        for (at, _) in html.match_indices(control) {
            let tag = &html[at..at + html[at..].find('>').unwrap()];
            if tag.contains("type=\"hidden\"") || tag.contains("id=\"site-q\"") {
                continue;
            }
            let id = attr(tag, "id").unwrap_or_else(|| panic!("a field without id: {tag}"));
            let labelled = html.contains(&format!("<label for=\"{id}\""))
                || attr(tag, "aria-labelledby").is_some_and(|ids| {
                    ids.split(' ')
                        .all(|i| html.contains(&format!("id=\"{i}\"")))
                });
            assert!(labelled, "field {id} has no visible label tied to it");
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} fields checked");
}

#[actix_web::test]
async fn a_movements_period_and_the_councils_approval_of_the_next_chair_are_kept() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let form = with(
        &full_form(&s, &u),
        &[
            ("m0_name", "Hà Tĩnh chung tay vì người nghèo"),
            ("m0_from", "2021"),
            ("m0_to", "2025"),
            ("next_selection", "approved"),
            ("next_decision_number", "15/QĐ-HĐTĐKT"),
            ("next_decision_date", "20/04/2023"),
        ],
    );
    let response = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(
        response.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&response.body)
    );
    let page = s
        .app
        .get(&format!("/clusters/{}/years/2022", s.cluster))
        .await;
    page.assert_contains("“Hà Tĩnh chung tay vì người nghèo” (giai đoạn 2021–2025)");
    page.assert_contains(
        "Được giới thiệu và cấp trên phê duyệt (Quyết định số 15/QĐ-HĐTĐKT ngày 20/04/2023)",
    );

    let bad = with(
        &full_form(&s, &u),
        &[("version", "2"), ("m0_from", "2025"), ("m0_to", "2021")],
    );
    let refused = post_form(&s, 2022, &bad, &s.session.csrf).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Năm kết thúc phải sau năm bắt đầu.");
}

#[actix_web::test]
async fn a_year_can_hold_a_mid_year_review_beside_its_summary() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let first = post_form(&s, 2022, &full_form(&s, &u), &s.session.csrf).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let blank = s
        .app
        .get_as(
            &format!("/clusters/{}/years/2022/edit?conference=new", s.cluster),
            &s.session,
        )
        .await;
    assert_eq!(blank.status, StatusCode::OK);
    assert_eq!(hidden_value(&blank.body, "conference_id"), "");
    blank.assert_contains("value=\"Đoàn kết - Sáng tạo - Về đích\"");
    let review = with(
        &full_form(&s, &u),
        &[
            ("version", "2"),
            ("conf_kind", "mid_year_review"),
            ("conf_title", "Hội nghị sơ kết 6 tháng đầu năm 2022"),
            ("conf_date", "15/07/2022"),
            ("p0_name", "Người chủ trì sơ kết"),
            ("p1_name", ""),
            ("p1_title", ""),
            ("p1_remarks", ""),
        ],
    );
    let second = post_form(&s, 2022, &review, &s.session.csrf).await;
    assert_eq!(
        second.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&second.body)
    );
    let page = s
        .app
        .get(&format!("/clusters/{}/years/2022", s.cluster))
        .await;
    let review_at = page
        .body
        .find("Hội nghị sơ kết 6 tháng đầu năm 2022")
        .expect("the mid-year review");
    let summary_at = page
        .body
        .find("Hội nghị tổng kết công tác thi đua năm 2022")
        .expect("the summary");
    assert!(review_at < summary_at, "conferences in date order");
    page.assert_contains("Trần Thị Khách");
    page.assert_contains("Người chủ trì sơ kết");
}

#[actix_web::test]
async fn a_movements_period_typed_by_one_cluster_leaves_the_others_pages_as_they_were() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let shared = "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau";
    let others = [
        format!("/clusters/{}/years/2022", s.app.cluster_id(BINH_DINH)),
        format!("/clusters/{}/years/2022", s.app.cluster_id(BAC_KAN)),
    ];
    let mut before = Vec::new();
    for uri in &others {
        let page = s.app.get(uri).await;
        page.assert_contains(shared);
        before.push(page.body);
    }
    let form = with(
        &full_form(&s, &u),
        &[("m0_name", shared), ("m0_from", "2016"), ("m0_to", "2020")],
    );
    let response = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);

    let own = s
        .app
        .get(&format!("/clusters/{}/years/2022", s.cluster))
        .await;
    own.assert_contains(&format!("“{shared}” (giai đoạn 2016–2020)"));
    for (uri, before) in others.iter().zip(&before) {
        let page = s.app.get(uri).await;
        page.assert_lacks("2016–2020");
        assert!(
            &page.body == before,
            "{uri} changed when another cluster saved a movement"
        );
    }
    // The form shows the period back as typed, and saving it unchanged
    // keeps it.
    let edit = s
        .app
        .get_as(
            &format!("/clusters/{}/years/2022/edit", s.cluster),
            &s.session,
        )
        .await;
    assert_eq!(hidden_value(&edit.body, "version"), "2");
    edit.assert_contains("value=\"2016\"");
}

fn participant_count(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    use thidua::schema::conference_participants;
    let mut conn = app.pool().get().unwrap();
    conference_participants::table
        .count()
        .get_result(&mut conn)
        .unwrap()
}

#[actix_web::test]
async fn control_characters_are_refused_beside_their_field_and_the_rest_is_kept() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let before = year_theme(&s.app, s.cluster, 2022);
    for (field, value, kept) in [
        ("minutes", "Biên bản\u{0}có ký tự rỗng", "Biên bản"),
        ("conf_title", "Hội nghị\ntổng kết", "Hội nghị"),
        ("p1_name", "Trần\u{1b}[31mThị", "Trần"),
        ("theme", "Đoàn kết\u{7}", "Đoàn kết"),
    ] {
        let form = with(
            &full_form(&s, &u),
            &[(field, value), ("theme", "Chủ đề mới")],
        );
        let form = with(&form, &[(field, value)]);
        let response = post_form(&s, 2022, &form, &s.session.csrf).await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            visible_text(&response.body)
        );
        response.assert_contains(&format!("id=\"err-{field}\""));
        response.assert_contains("ký tự điều khiển");
        response.assert_contains(kept);
        response.assert_contains("Hội trường UBND huyện Lộc Hà");
        assert_eq!(
            year_theme(&s.app, s.cluster, 2022),
            before,
            "{field}: written"
        );
    }
    // Newlines and tabs belong in the long texts.
    let form = with(
        &full_form(&s, &u),
        &[("minutes", "Đoạn một.\n\tĐoạn hai thụt lề.")],
    );
    let response = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
}

#[actix_web::test]
async fn hundreds_of_rows_are_all_saved_and_a_form_over_the_limit_is_refused_whole() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let names: Vec<(String, String)> = (0..300)
        .flat_map(|i| {
            [
                (format!("p{i}_role"), "attendee".to_string()),
                (format!("p{i}_name"), format!("Đại biểu số {i}")),
            ]
        })
        .collect();
    let mut form: Vec<(&'static str, String)> = full_form(&s, &u)
        .into_iter()
        .filter(|(k, _)| !k.starts_with('p'))
        .collect();
    form.extend(names.iter().map(|(k, v)| (leak(k.clone()), v.clone())));
    let before = participant_count(&s.app);
    let response = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(
        response.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&response.body)
    );
    let page = s
        .app
        .get(&format!("/clusters/{}/years/2022", s.cluster))
        .await;
    page.assert_contains("Đại biểu số 0");
    page.assert_contains("Đại biểu số 299");
    assert!(participant_count(&s.app) >= before + 300);

    let over: Vec<(&'static str, String)> = (0..501)
        .map(|i| (leak(format!("m{i}_name")), format!("Phong trào số {i}")))
        .collect();
    let mut form = with(&full_form(&s, &u), &[("version", "2")]);
    form.retain(|(k, _)| !k.starts_with('m') || *k == "members_present" || *k == "minutes");
    form.extend(over);
    let response = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    response.assert_contains("501 dòng phong trào, quá giới hạn 500 dòng");
    response.assert_contains("Phong trào số 500");
    assert_eq!(hidden_value(&response.body, "version"), "2");
}

#[actix_web::test]
async fn a_save_the_database_cannot_take_keeps_the_typed_form_and_works_once_it_can() {
    use diesel::connection::SimpleConnection;
    let app = TestApp::with_demo_pool_size(1);
    let cluster = app.cluster_id(HA_TINH_2);
    let password = app.add_user("thuky", "clerk", &[cluster]);
    let session = app.login("thuky", &password).await;
    let s = Setup {
        app,
        cluster,
        session,
    };
    let u = units(&s.app);
    let pragma = |sql: &str| {
        let mut conn = s.app.pool().get().unwrap();
        conn.batch_execute(sql).unwrap();
    };
    // Long texts, so that the save must grow the file.
    let long = "Nội dung dài của báo cáo tổng kết. ".repeat(500);
    let form = with(
        &full_form(&s, &u),
        &[
            ("theme", "Chủ đề gõ khi đĩa đầy"),
            ("summary", long.trim()),
            ("directions", long.trim()),
            ("minutes", long.trim()),
        ],
    );
    let mut faults = {
        let mut conn = s.app.pool().get().unwrap();
        let faults = crate::engine::Faults(&mut conn);
        vec![(
            faults.read_only_sql(true),
            faults.read_only_sql(false),
            "chỉ cho đọc",
        )]
    };
    // A full disk is arranged through SQLite's page limit.
    if crate::engine::postgres_url().is_none() {
        use diesel::prelude::*;
        let mut conn = s.app.pool().get().unwrap();
        let pages: i64 = diesel::dsl::sql::<diesel::sql_types::BigInt>(
            "SELECT page_count FROM pragma_page_count()",
        )
        .get_result(&mut conn)
        .unwrap();
        faults.push((
            leak(format!("PRAGMA max_page_count = {pages};")),
            "PRAGMA max_page_count = 1073741823;",
            "hết chỗ ghi",
        ));
    }
    for (block, unblock, says) in faults {
        pragma(block);
        let response = post_form(&s, 2022, &form, &s.session.csrf).await;
        assert_eq!(
            response.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{block}: {}",
            visible_text(&response.body)
        );
        response.assert_contains(says);
        response.assert_contains("Chủ đề gõ khi đĩa đầy");
        response.assert_contains("Trần Thị Khách");
        response.assert_contains("Hội trường UBND huyện Lộc Hà");
        assert_ne!(
            year_theme(&s.app, s.cluster, 2022).as_deref(),
            Some("Chủ đề gõ khi đĩa đầy")
        );
        pragma(unblock);
    }
    // Space again: the same form, sent again, is saved.
    let response = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(
        year_theme(&s.app, s.cluster, 2022).as_deref(),
        Some("Chủ đề gõ khi đĩa đầy")
    );
}

/// From now on, logs in the test database each figure, score and
/// participant row a write deletes; `rewritten` reads which lists lost rows
/// since the last call.
fn watch_rewrites(app: &TestApp) {
    use diesel::connection::SimpleConnection;
    let mut conn = app.pool().get().unwrap();
    conn.batch_execute("CREATE TABLE test_rewrites (list TEXT NOT NULL);")
        .unwrap();
    for list in [
        "indicator_values",
        "member_results",
        "conference_participants",
    ] {
        crate::engine::Faults(&mut conn).log_deletes("test_rewrites", list);
    }
}

fn rewritten(app: &TestApp) -> Vec<String> {
    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct List {
        #[diesel(sql_type = diesel::sql_types::Text)]
        list: String,
    }
    let mut conn = app.pool().get().unwrap();
    let lists: Vec<List> =
        diesel::sql_query("SELECT DISTINCT list FROM test_rewrites ORDER BY list")
            .load(&mut conn)
            .unwrap();
    conn.batch_execute("DELETE FROM test_rewrites").unwrap();
    lists.into_iter().map(|l| l.list).collect()
}

#[actix_web::test]
async fn a_save_rewrites_only_the_lists_that_changed() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let form = full_form(&s, &u);
    assert_eq!(
        post_form(&s, 2022, &form, &s.session.csrf).await.status,
        StatusCode::SEE_OTHER
    );
    watch_rewrites(&s.app);
    // The form as the browser sends it back: with the conference's id.
    let conference: i32 = {
        use diesel::prelude::*;
        use thidua::schema::{cluster_years, conferences};
        conferences::table
            .inner_join(cluster_years::table)
            .filter(cluster_years::cluster_id.eq(s.cluster))
            .filter(cluster_years::year.eq(2022))
            .select(conferences::id)
            .first(&mut s.app.pool().get().unwrap())
            .unwrap()
    };
    let conference = conference.to_string();
    let minutes_only = with(
        &form,
        &[
            ("version", "2"),
            ("conference_id", &conference),
            ("minutes", "Biên bản đã sửa."),
        ],
    );
    assert_eq!(
        post_form(&s, 2022, &minutes_only, &s.session.csrf)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        rewritten(&s.app),
        Vec::<String>::new(),
        "unchanged lists were written again"
    );
    let year = format!("/clusters/{}/years/2022", s.cluster);
    s.app.get(&year).await.assert_contains("Biên bản đã sửa.");

    let figure = leak(format!("i0_u{}_value", u.ky_anh));
    let new_figure = with(&minutes_only, &[("version", "3"), (figure, "530,4")]);
    assert_eq!(
        post_form(&s, 2022, &new_figure, &s.session.csrf)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        rewritten(&s.app),
        vec!["indicator_values".to_string()],
        "the figures, and only they, are written again"
    );
    let page = s.app.get(&year).await;
    page.assert_contains("530,4");
    page.assert_lacks("525,2");
}

#[actix_web::test]
async fn two_saves_of_the_same_year_at_once_one_wins_and_one_gets_409() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let form = full_form(&s, &u);
    let first = with(&form, &[("theme", "Chủ đề của người thứ nhất")]);
    let second = with(&form, &[("theme", "Chủ đề của người thứ hai")]);
    let (a, b) = futures_util::future::join(
        post_form(&s, 2022, &first, &s.session.csrf),
        post_form(&s, 2022, &second, &s.session.csrf),
    )
    .await;
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::SEE_OTHER, StatusCode::CONFLICT],
        "{} / {}",
        visible_text(&a.body),
        visible_text(&b.body)
    );
    for r in [&a, &b] {
        assert!(!r.body.contains("database is locked"));
    }
    let (winner, loser) = if a.status == StatusCode::SEE_OTHER {
        ("thứ nhất", &b)
    } else {
        ("thứ hai", &a)
    };
    loser.assert_contains("vừa được người khác lưu");
    assert_eq!(
        year_theme(&s.app, s.cluster, 2022).as_deref(),
        Some(format!("Chủ đề của người {winner}").as_str())
    );
}

/// What a case changes, the field it is refused beside, and the message.
type RuleCase<'a> = (&'a str, Vec<(&'static str, &'a str)>, &'a str, &'a str);

#[actix_web::test]
async fn each_rule_of_the_form_refuses_its_value_beside_its_field_and_keeps_the_rest() {
    use diesel::prelude::*;
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let form = full_form(&s, &u);
    let long = "x".repeat(301);
    let chair = u.ky_anh.to_string();
    let cases: Vec<RuleCase> = vec![
        (
            "attendance above membership",
            vec![("members_present", "9")],
            "members_present",
            "Số đơn vị có mặt (9) lớn hơn số thành viên",
        ),
        (
            "a meeting outside the year and the next",
            vec![("conf_date", "01/06/2025")],
            "conf_date",
            "phải họp trong năm 2022 hoặc đầu năm 2023",
        ),
        (
            "votes with no attendance",
            vec![("members_present", "")],
            "members_present",
            "Nhập số đơn vị có mặt khi ghi số phiếu",
        ),
        (
            "unanimous with votes against",
            vec![("a0_unanimous", "1")],
            "a0_unanimous",
            "“Thống nhất” không đi cùng phiếu không tán thành",
        ),
        (
            "a text over its length",
            vec![("theme", long.as_str())],
            "theme",
            "Quá dài: tối đa 300 ký tự",
        ),
        (
            "next year's vice chair the chair",
            vec![("next_vice", chair.as_str())],
            "next_vice",
            "phải khác",
        ),
        (
            "a movement's year out of range",
            vec![("m0_name", "Phong trào thi đua thử"), ("m0_from", "1900")],
            "m0_from",
            "Năm phải là số từ 1945 đến 2100",
        ),
        (
            "a movement ending before it starts",
            vec![
                ("m0_name", "Phong trào thi đua thử"),
                ("m0_from", "2022"),
                ("m0_to", "2020"),
            ],
            "m0_to",
            "Năm kết thúc phải sau năm bắt đầu",
        ),
    ];
    for (what, changes, field, message) in cases {
        let response = post_form(&s, 2022, &with(&form, &changes), &s.session.csrf).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{what}");
        let beside = response
            .body
            .split(&format!("id=\"err-{field}\">"))
            .nth(1)
            .unwrap_or_else(|| {
                panic!(
                    "{what}: no message beside {field}:\n{}",
                    visible_text(&response.body)
                )
            });
        assert!(
            beside.split("</p>").next().unwrap_or("").contains(message),
            "{what}: {beside:.200}"
        );
        // What was typed elsewhere comes back as typed.
        assert!(
            response.body.contains("value=\"Lộc Hà\""),
            "{what}: the rest of the form is kept"
        );
        assert_eq!(
            year_theme(&s.app, s.cluster, 2022),
            None,
            "{what}: nothing was saved"
        );
    }
    // A year before the cluster began is refused as a whole.
    {
        use thidua::schema::clusters;
        let mut conn = s.app.pool().get().unwrap();
        diesel::update(clusters::table.find(s.cluster))
            .set(clusters::first_year.eq(Some(2023)))
            .execute(&mut conn)
            .unwrap();
    }
    let early = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    early.assert_contains("bắt đầu hoạt động từ năm 2023; không thể ghi năm 2022");
    assert_eq!(year_theme(&s.app, s.cluster, 2022), None);
}
