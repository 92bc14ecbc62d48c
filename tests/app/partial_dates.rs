//! Reports give what they give: a conference, a covenant or a decision
//! with a full date, a month, a year or no date at all is stored as such
//! and shown as far as it is known, never with filler.

use actix_web::http::StatusCode;

use crate::editor::{clerk_of_ha_tinh, full_form, post_form, units, with};
use crate::helpers::*;

#[actix_web::test]
async fn a_conference_with_a_month_a_year_or_no_date_is_kept_and_shown_as_known() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let year_page = format!("/clusters/{}/years/2022", s.cluster);
    let print = format!("{year_page}/print");
    let mut conference = String::new();
    for (version, (typed, on_page, in_print)) in (1..).zip([
        (
            "tháng 12/2022",
            "Tháng 12/2022",
            "Lộc Hà, tháng 12 năm 2022",
        ),
        ("2023", "Năm 2023", "Lộc Hà, năm 2023"),
        (
            "",
            "",
            "Tại Hội trường UBND huyện Lộc Hà, Cụm thi đua số 2 tổ chức",
        ),
    ]) {
        let v = i32::to_string(&version);
        let form = with(
            &full_form(&s, &u),
            &[
                ("version", &v),
                ("conference_id", &conference),
                ("conf_date", typed),
                ("conf_part", ""),
            ],
        );
        let response = post_form(&s, 2022, &form, &s.session.csrf).await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "{typed:?}: {}",
            visible_text(&response.body)
        );
        let page = s.app.get(&year_page).await;
        if on_page.is_empty() {
            assert!(page.status.is_success());
            assert_eq!(page.definition("Thời gian"), None, "{typed:?}");
        } else {
            assert_eq!(
                page.definition("Thời gian").as_deref(),
                Some(on_page),
                "{typed:?}"
            );
        }
        page.assert_contains("Hội trường UBND huyện Lộc Hà");
        page.assert_contains("Nguyễn Văn Chủ Trì");
        let printed = s.app.get(&print).await;
        printed.assert_contains(in_print);
        printed.assert_lacks("ngày  tháng");
        printed.assert_lacks("Ngày ,");
        // The form gives back what was typed, in the form it takes.
        let edit = s.app.get_as(&format!("{year_page}/edit"), &s.session).await;
        let expected = match typed {
            "tháng 12/2022" => "12/2022",
            other => other,
        };
        let fields = form_fields(&edit.body, &format!("{year_page}/edit"));
        let field = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        assert_eq!(field("conf_date"), expected);
        conference = field("conference_id");
    }
}

#[actix_web::test]
async fn a_refused_date_keeps_everything_else_that_was_typed() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let form = with(
        &full_form(&s, &u),
        &[
            ("conf_date", "2021"),
            ("conf_venue", "Nhà văn hóa xã Thạch Kim"),
        ],
    );
    let response = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    response.assert_contains("phải họp trong năm 2022 hoặc đầu năm 2023");
    response.assert_contains("value=\"Nhà văn hóa xã Thạch Kim\"");
    response.assert_contains(&format!(
        "<option value=\"{}\" selected>huyện Lộc Hà</option>",
        u.loc_ha
    ));
    response.assert_contains("value=\"Nguyễn Văn Chủ Trì\"");
}

#[actix_web::test]
async fn covenants_and_decisions_are_printed_as_far_as_the_report_gives_them() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let form = with(
        &full_form(&s, &u),
        &[
            ("cov_date", "tháng 1/2023"),
            ("next_selection", "approved"),
            ("next_decision_number", "15/QĐ-HĐTĐKT"),
            ("next_decision_date", ""),
        ],
    );
    let response = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(
        response.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&response.body)
    );
    let year_page = format!("/clusters/{}/years/2022", s.cluster);
    let page = s.app.get(&year_page).await;
    page.assert_contains("Ký kết tháng 01/2023");
    page.assert_contains("Quyết định số 15/QĐ-HĐTĐKT)");
    let printed = s.app.get(&format!("{year_page}/print")).await;
    printed.assert_contains("Tháng 01/2023, tại huyện Lộc Hà, các đơn vị thành viên Cụm ký kết");
    printed.assert_lacks("Quyết định số 15/QĐ-HĐTĐKT ngày");

    // A decision with a date and no number, then with neither.
    let proposal: i32 = {
        use diesel::prelude::*;
        use thidua::schema::{award_proposals, cluster_years};
        let mut conn = s.app.pool().get().unwrap();
        award_proposals::table
            .inner_join(cluster_years::table)
            .filter(cluster_years::cluster_id.eq(s.cluster))
            .filter(cluster_years::year.eq(2022))
            .select(award_proposals::id)
            .first(&mut conn)
            .unwrap()
    };
    let uri = format!("/awards/proposals/{proposal}/decision");
    for (number, date, shown) in [
        (
            "",
            "tháng 3/2023",
            Some("Quyết định tháng 03/2023 của UBND tỉnh Hà Tĩnh"),
        ),
        ("", "", None),
    ] {
        let form = s.app.get_as(&uri, &s.session).await;
        let version = hidden_value(&form.body, "version");
        let saved = s
            .app
            .post_as(
                &uri,
                Some(&s.session),
                &[
                    ("csrf", &s.session.csrf),
                    ("version", &version),
                    ("status", "decided"),
                    ("decision_number", number),
                    ("decision_date", date),
                    (
                        "decided_by",
                        if shown.is_some() {
                            "UBND tỉnh Hà Tĩnh"
                        } else {
                            ""
                        },
                    ),
                ],
            )
            .await;
        assert_eq!(
            saved.status,
            StatusCode::SEE_OTHER,
            "{}",
            visible_text(&saved.body)
        );
        let page = s.app.get(&year_page).await;
        page.assert_contains("Đã quyết định");
        let printed = s.app.get(&format!("{year_page}/print")).await;
        match shown {
            Some(text) => {
                page.assert_contains(text);
                printed.assert_contains(text);
            }
            None => {
                assert!(
                    printed
                        .rows()
                        .iter()
                        .any(|row| row.last().is_some_and(|cell| cell == "Đã quyết định")),
                    "a decision with neither number nor date ends its row"
                );
            }
        }
        printed.assert_lacks("Quyết định số  ");
        printed.assert_lacks("Quyết định số ngày");
        printed.assert_lacks("ngày  ");
    }
}

#[actix_web::test]
async fn a_conference_without_a_date_sorts_after_the_dated_ones_of_its_year() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let main = with(&full_form(&s, &u), &[("conf_date", "")]);
    let response = post_form(&s, 2022, &main, &s.session.csrf).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    let review = with(
        &full_form(&s, &u),
        &[
            ("version", "2"),
            ("conference_id", "new"),
            ("conf_kind", "mid_year_review"),
            ("conf_title", "Hội nghị sơ kết 6 tháng đầu năm 2022"),
            ("conf_date", "7/2022"),
        ],
    );
    let response = post_form(&s, 2022, &review, &s.session.csrf).await;
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
    let review_at = page
        .body
        .find("Hội nghị sơ kết 6 tháng đầu năm 2022</h2>")
        .unwrap();
    let summary_at = page
        .body
        .find("Hội nghị tổng kết công tác thi đua năm 2022</h2>")
        .unwrap();
    assert!(review_at < summary_at, "the dated review comes first");
}
