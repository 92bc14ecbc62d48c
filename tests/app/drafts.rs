//! A draft is seen by the clerks of its cluster and by admins, nobody
//! else: no public page, no search result, no history and no file of
//! another cluster's draft reaches an anonymous visitor or another
//! cluster's clerk.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;

use crate::attachments::upload;
use crate::editor::{Setup, clerk_of_ha_tinh, full_form, leak, post_form, units, with};
use crate::helpers::*;

const SECRET_PERSON: &str = "Lê Thị Bảo Mật";
const SECRET_GUEST: &str = "Hoàng Văn Nháp";
const SECRET_TITLE: &str = "Hội nghị nháp Zelkova";
const SECRET_THEME: &str = "Chủ đề nháp Zelkova";
const SECRET_INDICATOR: &str = "Chỉ tiêu nháp Zelkova";
const SECRET_FILE: &str = "bien-ban-nhap-zelkova.pdf";

/// Hà Tĩnh no. 2's 2023, not in the demo data, saved as a draft with
/// names found nowhere else.
async fn save_secret_draft(s: &Setup) {
    let u = units(&s.app);
    let form = with(
        &full_form(s, &u),
        &[
            ("version", "0"),
            ("status", "draft"),
            ("conf_title", SECRET_TITLE),
            ("conf_date", "05/01/2024"),
            ("p0_name", SECRET_GUEST),
            ("chair_person", SECRET_PERSON),
            ("theme", SECRET_THEME),
            ("i0_name", SECRET_INDICATOR),
            ("cov_date", "05/01/2024"),
            ("cov_content", "Giao ước nháp Zelkova."),
        ],
    );
    let response = post_form(s, 2023, &form, &s.session.csrf).await;
    assert_eq!(
        response.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&response.body)
    );
    let _ = leak;
}

fn draft_conference(app: &TestApp, cluster: i32) -> i32 {
    use diesel::prelude::*;
    use thidua::schema::{cluster_years, conferences};
    let mut conn = app.pool().get().unwrap();
    conferences::table
        .inner_join(cluster_years::table)
        .filter(cluster_years::cluster_id.eq(cluster))
        .filter(cluster_years::year.eq(2023))
        .select(conferences::id)
        .first(&mut conn)
        .unwrap()
}

fn folded_query(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Every page through which a year's content can surface.
fn pages(s: &Setup, u: &crate::editor::Units) -> Vec<String> {
    let c = s.cluster;
    let mut pages = vec![
        "/".to_string(),
        format!("/clusters/{c}"),
        format!("/clusters/{c}/years/2022"),
        format!("/clusters/{c}/years/2022/print"),
        format!("/clusters/{c}/years/2023"),
        format!("/clusters/{c}/years/2023/print"),
        format!("/clusters/{c}/years/2024"),
        format!("/units/{}", u.loc_ha),
        format!("/units/{}", u.ky_anh),
        format!("/units/{}", u.cam_xuyen),
        "/awards".to_string(),
        format!("/awards?cluster={c}&from=2023&to=2023"),
        "/rotation".to_string(),
        format!("/history/clusters/{c}"),
        "/awards.csv".to_string(),
        format!("/awards.csv?cluster={c}&from=2023&to=2023"),
        "/rotation.csv".to_string(),
        "/rotation.xlsx".to_string(),
        "/clusters.csv?year=2023".to_string(),
        "/clusters.xlsx?year=2023".to_string(),
        "/awards.xlsx".to_string(),
        format!("/awards.xlsx?cluster={c}&from=2023&to=2023"),
        format!("/clusters/{c}/years/2023/tables.xlsx"),
        format!("/clusters/{c}/years/2023/report.docx"),
        format!("/clusters/{c}/years/2023/dossier.docx"),
        format!("/clusters/{c}/years/2023/dossier.pdf"),
    ];
    for q in [
        SECRET_PERSON,
        SECRET_GUEST,
        "zelkova",
        "nhap zelkova",
        "Lộc Hà",
    ] {
        pages.push(format!("/search?q={}", folded_query(q)));
    }
    pages
}

async fn snapshot(
    app: &TestApp,
    pages: &[String],
    session: Option<&Session>,
) -> Vec<(u16, String)> {
    let mut out = Vec::new();
    for uri in pages {
        let response = match session {
            Some(session) => app.get_as(uri, session).await,
            None => app.send(TestRequest::get().uri(uri)).await,
        };
        // A workbook carries the time it was written: its cells are what a
        // reader sees, and what must not change.
        let seen = if uri.contains(".xlsx") && response.status.is_success() {
            format!("{:?}", crate::spreadsheets::read_xlsx(&response.bytes))
        } else {
            response.body
        };
        out.push((response.status.as_u16(), seen));
    }
    out
}

#[actix_web::test]
async fn another_clusters_draft_changes_nothing_a_visitor_or_other_clerk_sees() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let other_cluster = s.app.cluster_id(BAC_KAN);
    let password = s.app.add_user("thuky_backan", "clerk", &[other_cluster]);
    let other = s.app.login("thuky_backan", &password).await;
    let pages = pages(&s, &u);

    let anonymous_before = snapshot(&s.app, &pages, None).await;
    let other_before = snapshot(&s.app, &pages, Some(&other)).await;

    save_secret_draft(&s).await;
    let conference = draft_conference(&s.app, s.cluster);
    let pdf = b"%PDF-1.4\n% bien ban nhap\n%%EOF\n";
    let uploaded = upload(&s.app, &s.session, conference, SECRET_FILE, pdf).await;
    assert_eq!(uploaded.status, StatusCode::SEE_OTHER);

    let anonymous_after = snapshot(&s.app, &pages, None).await;
    let other_after = snapshot(&s.app, &pages, Some(&other)).await;
    for (i, uri) in pages.iter().enumerate() {
        for (who, before, after) in [
            (
                "an anonymous visitor",
                &anonymous_before[i],
                &anonymous_after[i],
            ),
            ("another cluster's clerk", &other_before[i], &other_after[i]),
        ] {
            assert_eq!(
                before.0, after.0,
                "GET {uri} as {who}: the status changed with another cluster's draft"
            );
            for secret in [
                SECRET_PERSON,
                SECRET_GUEST,
                SECRET_TITLE,
                SECRET_THEME,
                SECRET_INDICATOR,
                SECRET_FILE,
            ] {
                // A search page repeats its own query; the comparison
                // with the page before the draft covers those.
                if uri.contains(&folded_query(secret)) {
                    continue;
                }
                assert!(
                    !after.1.contains(secret),
                    "GET {uri} as {who} shows {secret:?} of another cluster's draft"
                );
            }
            assert!(
                before.1 == after.1,
                "GET {uri} as {who} changed with another cluster's draft:\n{}",
                visible_text(&after.1)
            );
        }
    }

    // The draft's own clerk downloads its tables.
    let tables = s
        .app
        .download(
            &format!("/clusters/{}/years/2023/tables.xlsx", s.cluster),
            Some(&s.session),
        )
        .await;
    assert_eq!(tables.status, StatusCode::OK);
    let sheets = crate::spreadsheets::read_xlsx(&tables.bytes);
    assert!(
        sheets
            .iter()
            .flat_map(|(_, rows)| rows.iter().flatten())
            .any(|c| c.to_string().starts_with(SECRET_INDICATOR)),
        "the clerk's download lacks the draft's indicator"
    );

    let report = s
        .app
        .download(
            &format!("/clusters/{}/years/2023/report.docx", s.cluster),
            Some(&s.session),
        )
        .await;
    assert_eq!(
        report.status,
        StatusCode::OK,
        "the clerk downloads the draft's Word report"
    );
    assert!(report.bytes.starts_with(b"PK"));

    // The draft's history and file: login for a visitor, 404 for the
    // other cluster's clerk.
    let history = format!("/clusters/{}/years/2023/history", s.cluster);
    let anonymous = s.app.send(TestRequest::get().uri(&history)).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    let response = s.app.get_as(&history, &other).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    for secret in [SECRET_THEME, SECRET_TITLE, SECRET_FILE] {
        assert!(!response.body.contains(secret), "history shows {secret:?}");
    }
    let file = {
        use diesel::prelude::*;
        use thidua::schema::attachments;
        let mut conn = s.app.pool().get().unwrap();
        attachments::table
            .filter(attachments::conference_id.eq(conference))
            .select(attachments::id)
            .first::<i32>(&mut conn)
            .unwrap()
    };
    for session in [None, Some(&other)] {
        let uri = format!("/attachments/{file}");
        let response = match session {
            Some(session) => s.app.get_as(&uri, session).await,
            None => s.app.send(TestRequest::get().uri(&uri)).await,
        };
        assert_eq!(response.status, StatusCode::NOT_FOUND, "GET {uri}");
        assert!(!response.body.contains("bien ban nhap"));
    }

    // The cluster's own clerk and an admin do see the draft everywhere.
    let admin_password = s.app.add_user("quantri", "admin", &[]);
    let admin = s.app.login("quantri", &admin_password).await;
    for session in [&s.session, &admin] {
        let found = s
            .app
            .get_as(
                &format!("/search?q={}", folded_query(SECRET_GUEST)),
                session,
            )
            .await;
        found.assert_contains(SECRET_GUEST);
        let found = s.app.get_as("/search?q=zelkova", session).await;
        found.assert_contains(SECRET_TITLE);
        let history = s.app.get_as(&history, session).await;
        assert_eq!(history.status, StatusCode::OK);
        history.assert_contains(SECRET_THEME);
        let page = s
            .app
            .get_as(&format!("/clusters/{}/years/2023", s.cluster), session)
            .await;
        page.assert_contains(SECRET_TITLE);
        page.assert_contains(SECRET_FILE);
    }
}

/// Search results are kept per query: what the draft's own clerk found
/// first must not be what a visitor or another clerk is then given. (The
/// page repeats the query itself, so the result is looked for as one.)
#[actix_web::test]
async fn a_search_kept_for_the_clerk_is_not_served_to_others() {
    let s = clerk_of_ha_tinh().await;
    save_secret_draft(&s).await;
    let uri = format!("/search?q={}", folded_query(SECRET_GUEST));
    let found = format!("<li><strong>{SECRET_GUEST}</strong>");
    s.app.get_as(&uri, &s.session).await.assert_contains(&found);
    let other_cluster = s.app.cluster_id(BAC_KAN);
    let password = s.app.add_user("thuky_backan", "clerk", &[other_cluster]);
    let other = s.app.login("thuky_backan", &password).await;
    let visitor = s.app.send(TestRequest::get().uri(&uri)).await;
    assert!(!visitor.body.contains(&found), "a visitor got the draft");
    let clerk = s.app.get_as(&uri, &other).await;
    assert!(!clerk.body.contains(&found), "another clerk got the draft");
}
