//! Counts of titles ("1.250 cá nhân đạt danh hiệu Lao động tiên tiến"):
//! entered with a year's results, shown on the year's page, its print and
//! the unit page, totalled on the tallies page; private while a draft.

use actix_web::http::StatusCode;

use crate::editor::{Setup, clerk_of_ha_tinh, full_form, post_form, units, with};
use crate::helpers::*;
use crate::roundtrip::record_dump;

/// The version the year's form carries now (0 for a year not on record).
async fn version_of(s: &Setup, year: i32) -> String {
    let form = s
        .app
        .get_as(
            &format!("/clusters/{}/years/{year}/edit", s.cluster),
            &s.session,
        )
        .await;
    assert_eq!(form.status, StatusCode::OK);
    hidden_value(&form.body, "version")
}

/// Saves a year from the demo's complete form with these changes and
/// requires it saved.
async fn save(s: &Setup, year: i32, changes: &[(&'static str, &str)]) {
    let u = units(&s.app);
    let version = version_of(s, year).await;
    let mut all: Vec<(&'static str, &str)> = vec![("version", version.as_str())];
    all.extend_from_slice(changes);
    let form = with(&full_form(s, &u), &all);
    let response = post_form(s, year, &form, &s.session.csrf).await;
    assert_eq!(
        response.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&response.body)
    );
}

fn count_rows(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    use thidua::schema::title_counts;
    let mut conn = app.pool().get().unwrap();
    title_counts::table.count().get_result(&mut conn).unwrap()
}

#[actix_web::test]
async fn counts_entered_for_the_cluster_and_a_member_show_everywhere_and_add_up() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let loc_ha = u.loc_ha.to_string();
    save(
        &s,
        2022,
        &[
            ("tc0_unit", ""),
            ("tc0_title", "Lao động tiên tiến"),
            ("tc0_recipient", "individual"),
            ("tc0_count", "1.250"),
            ("tc1_unit", &loc_ha),
            ("tc1_title", "Tập thể lao động xuất sắc"),
            ("tc1_recipient", "collective"),
            ("tc1_count", "12"),
            ("tc1_note", "theo Quyết định của UBND tỉnh"),
        ],
    )
    .await;
    let c = s.cluster;

    let page = s.app.get(&format!("/clusters/{c}/years/2022")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Số lượng danh hiệu, khen thưởng");
    page.assert_contains("1.250 cá nhân");
    page.assert_contains("12 tập thể");
    page.assert_contains("theo Quyết định của UBND tỉnh");
    let text = visible_text(&page.body);
    let at = text.find("1.250 cá nhân").unwrap();
    assert!(
        text[..at].rfind("Toàn Cụm").is_some_and(|t| at - t < 80),
        "the whole cluster's count is labelled as such: {text}"
    );

    let print = s.app.get(&format!("/clusters/{c}/years/2022/print")).await;
    assert_eq!(print.status, StatusCode::OK);
    print.assert_contains("SỐ LƯỢNG DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG");
    print.assert_contains("1.250 cá nhân");
    print.assert_contains("12 tập thể");

    let unit = s.app.get(&format!("/units/{}", u.loc_ha)).await;
    unit.assert_contains("Tập thể lao động xuất sắc");
    unit.assert_contains("12 tập thể");
    // The whole cluster's count is not the member's own.
    unit.assert_lacks("1.250");

    // A second year: the tallies add both years, per title and recipient.
    save(
        &s,
        2023,
        &[
            ("conf_date", "08/01/2024"),
            ("cov_date", "08/01/2024"),
            ("tc0_unit", ""),
            ("tc0_title", "Lao động tiên tiến"),
            ("tc0_recipient", "individual"),
            ("tc0_count", "1.300"),
            ("tc1_unit", &loc_ha),
            ("tc1_title", "Tập thể lao động xuất sắc"),
            ("tc1_recipient", "collective"),
            ("tc1_count", "8"),
        ],
    )
    .await;
    let tallies = s.app.get("/awards").await;
    assert_eq!(tallies.status, StatusCode::OK);
    let text = visible_text(&tallies.body);
    assert!(
        text.contains("Lao động tiên tiến cá nhân 2.550"),
        "1.250 + 1.300 individuals: {text}"
    );
    assert!(
        text.contains("Tập thể lao động xuất sắc tập thể 20"),
        "12 + 8 collectives: {text}"
    );
    // The page's filters apply: 2023 alone.
    let only_2023 = visible_text(&s.app.get("/awards?from=2023&to=2023").await.body);
    assert!(
        only_2023.contains("Lao động tiên tiến cá nhân 1.300"),
        "{only_2023}"
    );
    assert!(!only_2023.contains("2.550"), "{only_2023}");
}

#[actix_web::test]
async fn a_drafts_counts_are_not_public() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let loc_ha = u.loc_ha.to_string();
    save(&s, 2022, &[]).await;
    // The pages that show counts outside the year's own page.
    let public = ["/awards".to_string(), format!("/units/{}", u.loc_ha)];
    let mut before = Vec::new();
    for uri in &public {
        before.push(s.app.get(uri).await.body);
    }
    save(
        &s,
        2023,
        &[
            ("status", "draft"),
            ("conf_date", "08/01/2024"),
            ("cov_date", "08/01/2024"),
            ("tc0_unit", &loc_ha),
            ("tc0_title", "Chiến sĩ thi đua cơ sở"),
            ("tc0_recipient", "individual"),
            ("tc0_count", "777"),
        ],
    )
    .await;
    assert_eq!(count_rows(&s.app), 1, "the draft's count is saved");
    for (uri, earlier) in public.iter().zip(&before) {
        let now = s.app.get(uri).await;
        assert!(
            &now.body == earlier,
            "{uri} changed for a visitor after a draft was saved:\n{}",
            visible_text(&now.body)
        );
        now.assert_lacks("777");
    }
    let draft = s
        .app
        .get(&format!("/clusters/{}/years/2023", s.cluster))
        .await;
    assert_eq!(draft.status, StatusCode::NOT_FOUND);
    // The clerk sees the draft's count.
    let own = s
        .app
        .get_as(&format!("/clusters/{}/years/2023", s.cluster), &s.session)
        .await;
    own.assert_contains("777 cá nhân");
}

#[actix_web::test]
async fn a_count_that_is_not_a_whole_number_is_refused_with_the_input_kept() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    for bad in ["-3", "1,5", "abc", "1.25"] {
        let form = with(
            &full_form(&s, &u),
            &[
                ("tc0_unit", ""),
                ("tc0_title", "Lao động tiên tiến"),
                ("tc0_recipient", "individual"),
                ("tc0_count", bad),
            ],
        );
        let response = post_form(&s, 2022, &form, &s.session.csrf).await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad}: {}",
            visible_text(&response.body)
        );
        response.assert_contains(&format!("name=\"tc0_count\" value=\"{bad}\""));
        response.assert_contains("id=\"err-tc0_count\"");
        response.assert_contains("Lao động tiên tiến");
        assert_eq!(count_rows(&s.app), 0, "{bad} saved nothing");
    }
}

#[actix_web::test]
async fn a_year_with_counts_saved_unchanged_through_the_form_stays_the_same() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let loc_ha = u.loc_ha.to_string();
    save(
        &s,
        2022,
        &[
            ("tc0_unit", &loc_ha),
            ("tc0_title", "Tập thể lao động xuất sắc"),
            ("tc0_recipient", "collective"),
            ("tc0_count", "12"),
            ("tc0_note", "ghi chú"),
            ("tc1_unit", ""),
            ("tc1_title", "Lao động tiên tiến"),
            ("tc1_recipient", "individual"),
            ("tc1_count", "1250"),
        ],
    )
    .await;
    let path = format!("/clusters/{}/years/2022/edit", s.cluster);
    let form = s.app.get_as(&path, &s.session).await;
    // Shown the Vietnamese way, in the order entered.
    let first = form
        .body
        .find("value=\"Tập thể lao động xuất sắc\"")
        .unwrap();
    let second = form.body.find("value=\"1.250\"").unwrap();
    assert!(first < second);
    let mut fields = form_fields(&form.body, &path);
    fields.push(("action".into(), "save".into()));
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let before = record_dump(&s.app);
    let response = s.app.post_as(&path, Some(&s.session), &fields).await;
    assert_eq!(
        response.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&response.body)
    );
    assert_eq!(before, record_dump(&s.app));
    assert_eq!(count_rows(&s.app), 2);
}
