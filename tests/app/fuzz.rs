//! A corpus of bad input against every form of the real app: values no
//! field takes (control characters, overlong text, numbers, dates and
//! ids that are not), bodies that are not UTF-8. Every one must get a 4xx
//! — never a 5xx, never an accepted save —, write nothing, and where the
//! form comes back, bring back what was typed.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;

use crate::helpers::*;
use crate::roundtrip::dump_except;

/// What a field takes, which decides the bad values tried on it.
#[derive(Clone, Copy)]
enum Takes {
    /// One line of at most this many characters.
    Line(usize),
    /// Several lines of at most this many characters.
    Text(usize),
    Number,
    Count,
    Date,
    Year,
    /// An id or a code from a list.
    Choice,
}

fn bad_values(takes: Takes) -> Vec<String> {
    let controls = [
        "a\u{0}b",
        "\u{1b}[2J",
        "chuông\u{7}",
        "xóa\u{7f}",
        "c1\u{85}giữa",
    ];
    let mut values: Vec<String> = match takes {
        Takes::Line(limit) => {
            let mut v: Vec<String> = controls.iter().map(|s| s.to_string()).collect();
            v.push("hai\ndòng".into());
            v.push("tab\tgiữa".into());
            v.push("ư".repeat(limit + 1));
            v
        }
        Takes::Text(limit) => {
            let mut v: Vec<String> = controls.iter().map(|s| s.to_string()).collect();
            v.push("ngắt\u{c}trang".into());
            v.push("dọc\u{b}tab".into());
            v.push("ư".repeat(limit + 1));
            v
        }
        Takes::Number => [
            "abc", "1,854.5", "1.2.3", "--5", "1e5", "NaN", "12abc", "5\u{0}",
        ]
        .map(String::from)
        .to_vec(),
        Takes::Count => ["-1", "1.5", "abc", "99999999999", "1e3", "٣"]
            .map(String::from)
            .to_vec(),
        Takes::Date => [
            "0000-01-01",
            "0001-01-01",
            "-0001-01-01",
            "+99999-01-01",
            "31/02/2023",
            "2023-13-01",
            "hôm qua",
            "01/01/2101",
        ]
        .map(String::from)
        .to_vec(),
        Takes::Year => ["0", "-1", "99999", "abc", "1944", "2101"]
            .map(String::from)
            .to_vec(),
        Takes::Choice => ["999999", "-5", "abc", "bogus\u{0}"]
            .map(String::from)
            .to_vec(),
    };
    values.dedup();
    values
}

/// One form of the app, as a browser of the right account sends it.
struct FormCase {
    /// The page the form is on.
    page: String,
    /// Where it posts.
    action: String,
    /// A text field given a recognisable value in every attempt, to check
    /// the form comes back with what was typed.
    marker: (&'static str, &'static str),
    fields: Vec<(String, Takes)>,
    /// Fields the page's form lacks that a browser would send (a
    /// password typed into an empty box, a button).
    extra: Vec<(&'static str, &'static str)>,
}

/// As askama writes text into a page.
fn html_escaped(text: &str) -> String {
    text.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

struct Outcome {
    tried: usize,
}

async fn run_case(app: &TestApp, session: &Session, case: &FormCase, outcome: &mut Outcome) {
    let page = app.get_as(&case.page, session).await;
    assert_eq!(page.status, StatusCode::OK, "GET {}", case.page);
    let mut baseline = form_fields(&page.body, &case.action);
    for (k, v) in &case.extra {
        baseline.retain(|(name, _)| name != k);
        baseline.push((k.to_string(), v.to_string()));
    }
    let (marker_field, marker) = case.marker;
    for (field, takes) in &case.fields {
        assert!(
            baseline.iter().any(|(k, _)| k == field) || field.as_str() == marker_field,
            "{}: the form has no field {field}",
            case.action
        );
        for bad in bad_values(*takes) {
            let mut fields: Vec<(String, String)> = baseline
                .iter()
                .filter(|(k, _)| k != field && k != marker_field)
                .cloned()
                .collect();
            if field != marker_field {
                fields.push((marker_field.to_string(), marker.to_string()));
            }
            fields.push((field.clone(), bad.clone()));
            let before = dump_except(app, &["audit_log", "sessions"]);
            let pairs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let response = app.post_as(&case.action, Some(session), &pairs).await;
            let what = format!("POST {} with {field} = {bad:?}", case.action);
            assert!(
                response.status.is_client_error(),
                "{what}: status {}\n{}",
                response.status,
                visible_text(&response.body)
            );
            assert!(
                before == dump_except(app, &["audit_log", "sessions"]),
                "{what} wrote to the database"
            );
            if response
                .body
                .contains(&format!("action=\"{}\"", case.action))
            {
                if field != marker_field {
                    response.assert_contains(&html_escaped(marker));
                }
                if !matches!(takes, Takes::Choice) {
                    assert!(
                        response.body.contains(&html_escaped(&bad)),
                        "{what}: the form came back without the typed value"
                    );
                }
            }
            outcome.tried += 1;
        }
    }
    // A body that does not decode to UTF-8 is refused before any form.
    for raw in ["name=%FF%FE", "csrf=%ED%A0%80", "x=Ph%E1m"] {
        let before = dump_except(app, &["audit_log", "sessions"]);
        let response = app
            .send(
                TestRequest::post()
                    .uri(&case.action)
                    .insert_header(("cookie", session.cookie.clone()))
                    .insert_header(("content-type", "application/x-www-form-urlencoded"))
                    .set_payload(raw),
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::BAD_REQUEST,
            "POST {} with {raw}",
            case.action
        );
        response.assert_contains("Dữ liệu gửi lên không hợp lệ");
        assert!(before == dump_except(app, &["audit_log", "sessions"]));
        outcome.tried += 1;
    }
}

fn f(name: impl Into<String>, takes: Takes) -> (String, Takes) {
    (name.into(), takes)
}

/// The first field of the page's form whose name matches.
fn field_like(app_form: &[(String, String)], starts: &str, ends: &str) -> String {
    app_form
        .iter()
        .map(|(k, _)| k)
        .find(|k| k.starts_with(starts) && k.ends_with(ends))
        .unwrap_or_else(|| panic!("no field {starts}…{ends}"))
        .clone()
}

#[actix_web::test]
async fn three_hundred_bad_inputs_across_every_form_get_a_4xx_and_write_nothing() {
    use Takes::*;
    let app = TestApp::with_demo();
    let password = app.add_user("quantri", "admin", &[]);
    let admin = app.login("quantri", &password).await;
    let mut outcome = Outcome { tried: 0 };

    // The meeting-results form of a year with every part filled in.
    let cluster = app.cluster_id(BINH_DINH);
    let edit = format!("/clusters/{cluster}/years/2022/edit");
    let page = app.get_as(&edit, &admin).await;
    let on_page = form_fields(&page.body, &edit);
    let meeting = FormCase {
        page: edit.clone(),
        action: edit.clone(),
        marker: ("conf_venue", "Hội trường giữ nguyên <4711>"),
        extra: vec![("action", "save")],
        fields: vec![
            f("conf_title", Line(300)),
            f("conf_locality", Line(100)),
            f("minutes", Text(20_000)),
            f("theme", Line(300)),
            f("summary", Text(20_000)),
            f("p0_name", Line(100)),
            f("p0_title", Line(300)),
            f("p0_remarks", Text(20_000)),
            f("m0_name", Line(300)),
            f("m0_from", Year),
            f("chair_person", Line(100)),
            f("members_present", Count),
            f("conf_date", Date),
            f("next_decision_date", Date),
            f("cov_date", Date),
            f("conf_kind", Choice),
            f("conf_host", Choice),
            f("chair_unit", Choice),
            f("next_chair", Choice),
            f("status", Choice),
            f(field_like(&on_page, "i0_u", "_value"), Number),
            f(field_like(&on_page, "i0_u", "_growth"), Number),
            f(field_like(&on_page, "r_u", "_score"), Number),
            f("a0_for", Count),
            f("a0_kind", Choice),
        ],
    };
    run_case(&app, &admin, &meeting, &mut outcome).await;

    // An authority's decision on a proposal.
    let proposal: i32 = {
        use diesel::prelude::*;
        use thidua::schema::award_proposals;
        let mut conn = app.pool().get().unwrap();
        award_proposals::table
            .select(award_proposals::id)
            .first(&mut conn)
            .unwrap()
    };
    let decision = format!("/awards/proposals/{proposal}/decision");
    run_case(
        &app,
        &admin,
        &FormCase {
            page: decision.clone(),
            action: decision.clone(),
            marker: ("note", "Ghi chú giữ nguyên 4711"),
            extra: vec![],
            fields: vec![
                f("status", Choice),
                f("decision_number", Line(100)),
                f("decision_date", Date),
                f("decided_by", Line(300)),
                f("note", Text(2000)),
            ],
        },
        &mut outcome,
    )
    .await;

    // The admin's records.
    let unit = app.unit_id("Lộc Hà", "district");
    run_case(
        &app,
        &admin,
        &FormCase {
            page: format!("/admin/units/{unit}/edit"),
            action: format!("/admin/units/{unit}/edit"),
            marker: ("note", "Ghi chú giữ nguyên 4711"),
            extra: vec![],
            fields: vec![
                f("name", Line(100)),
                f("kind", Choice),
                f("parent", Choice),
                f("successor", Choice),
                f("valid_from", Date),
                f("valid_to", Date),
            ],
        },
        &mut outcome,
    )
    .await;
    run_case(
        &app,
        &admin,
        &FormCase {
            page: format!("/admin/clusters/{cluster}/edit"),
            action: format!("/admin/clusters/{cluster}/edit"),
            marker: ("description", "Mô tả giữ nguyên 4711"),
            extra: vec![],
            fields: vec![
                f("name", Line(200)),
                f("kind", Choice),
                f("body", Choice),
                f("first_year", Year),
                f("last_year", Year),
                f("member_count", Count),
            ],
        },
        &mut outcome,
    )
    .await;
    run_case(
        &app,
        &admin,
        &FormCase {
            page: format!("/admin/clusters/{cluster}/edit"),
            action: format!("/admin/clusters/{cluster}/members"),
            marker: ("decision_number", "Số 4711/QĐ"),
            extra: vec![],
            fields: vec![
                f("unit", Choice),
                f("from_year", Year),
                f("to_year", Year),
                f("decision_date", Date),
            ],
        },
        &mut outcome,
    )
    .await;
    run_case(
        &app,
        &admin,
        &FormCase {
            page: "/admin/users/new".into(),
            action: "/admin/users/new".into(),
            marker: ("name", "nguoidung4711"),
            extra: vec![("password", "một mật khẩu đủ dài")],
            fields: vec![f("name", Line(60)), f("role", Choice)],
        },
        &mut outcome,
    )
    .await;

    // The signed-minutes upload, a multipart form.
    let conference: i32 = {
        use diesel::prelude::*;
        use thidua::schema::conferences;
        let mut conn = app.pool().get().unwrap();
        conferences::table
            .select(conferences::id)
            .first(&mut conn)
            .unwrap()
    };
    let big = vec![b'%'; 10 * 1024 * 1024 + 1];
    let uploads: Vec<(&str, &[u8], &str)> = vec![
        ("bien-ban.pdf", b"", "an empty file"),
        (
            "bien-ban.pdf",
            b"<html><script>alert(1)</script></html>",
            "HTML named .pdf",
        ),
        ("bien-ban.exe", b"MZ\x90\x00", "a program"),
        ("bien-ban.pdf", b"GIF89a....", "a GIF"),
        ("bien-ban.pdf", &big, "over 10 MB"),
    ];
    for (name, bytes, what) in uploads {
        let before = dump_except(&app, &["audit_log", "sessions"]);
        let response = crate::attachments::upload(&app, &admin, conference, name, bytes).await;
        assert!(
            response.status.is_client_error(),
            "upload of {what}: {}",
            response.status
        );
        assert!(
            before == dump_except(&app, &["audit_log", "sessions"]),
            "upload of {what} wrote"
        );
        outcome.tried += 1;
    }
    for (content_type, body) in [
        (
            "multipart/form-data; boundary=x",
            "--x\r\nnot a part\r\n--x--\r\n",
        ),
        ("multipart/form-data", "no boundary"),
        ("application/x-www-form-urlencoded", "file=abc"),
    ] {
        let before = dump_except(&app, &["audit_log", "sessions"]);
        let response = app
            .send(
                TestRequest::post()
                    .uri(&format!("/conferences/{conference}/attachments"))
                    .insert_header(("cookie", admin.cookie.clone()))
                    .insert_header(("content-type", content_type))
                    .set_payload(body),
            )
            .await;
        assert!(
            response.status.is_client_error(),
            "upload as {content_type}: {}",
            response.status
        );
        assert!(before == dump_except(&app, &["audit_log", "sessions"]));
        outcome.tried += 1;
    }

    eprintln!("{} bad inputs refused", outcome.tried);
    assert!(
        outcome.tried >= 300,
        "only {} bad inputs tried",
        outcome.tried
    );
}
