//! "Điền từ bản tin": a pasted or uploaded report fills the meeting form
//! and nothing is saved until the clerk saves; the rules keep their
//! measured precision and recall over the evaluation corpus.

use actix_web::http::StatusCode;

use crate::helpers::*;

#[path = "../../examples/prefill_eval/score.rs"]
#[allow(dead_code)] // the table's column order is the example's
mod score;

fn seeds() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
}

/// A seed report's text, or None (with a note) where the seeds are absent.
fn seed(file: &str) -> Option<String> {
    match std::fs::read_to_string(seeds().join(file)) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!("skipped: {file} is not in ../shared/seeds");
            None
        }
    }
}

const SEED_003: &str = "003_06965d0e7f1cefb7.txt";

#[test]
fn the_rules_keep_their_aims_over_the_corpus() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (reports, missing) = score::load(&root.join("tests/prefill/corpus"), &seeds()).unwrap();
    for name in &missing {
        eprintln!("left out: {name} (its seed is not in ../shared/seeds)");
    }
    let written = reports
        .iter()
        .filter(|r| !r.name.starts_with("seed-"))
        .count();
    assert!(
        written >= 20,
        "the corpus has {written} written reports; the aim is at least 20"
    );
    let (tuning, held_out) = score::evaluate(&reports);
    // The aims, on the reports the rules were tuned on: a wrong proposal
    // costs a clerk more than an empty field.
    for (kind, count) in &tuning.counts {
        if let Some(p) = count.precision() {
            assert!(
                p >= 0.95,
                "precision of {kind} is {p:.2}; mistakes: {:?}",
                tuning
                    .mistakes
                    .iter()
                    .filter(|m| m.1 == *kind)
                    .collect::<Vec<_>>()
            );
        }
    }
    let recall = tuning.total().recall().unwrap_or(0.0);
    assert!(recall >= 0.8, "recall is {recall:.2}");
    // The held-out reports measure what the rules do on reports they were
    // not tuned on (README); they may not fall below what they measured
    // when the rules were written: 0.94 and 0.76 with the seeds, 0.93 and
    // 0.73 where ../shared/seeds is absent and seed 002 is left out.
    let (p, r) = (
        held_out.total().precision().unwrap_or(0.0),
        held_out.total().recall().unwrap_or(0.0),
    );
    assert!(
        p >= 0.92 && r >= 0.72,
        "held-out precision {p:.2}, recall {r:.2}"
    );
}

/// A clerk of the Bắc Kạn cluster, signed in, with its 2022 record deleted
/// so that the year is empty.
async fn clerk_with_an_empty_year() -> (TestApp, i32, Session) {
    let app = TestApp::with_demo();
    let cluster = app.cluster_id(BAC_KAN);
    let password = app.add_user("thuky", "clerk", &[cluster]);
    let session = app.login("thuky", &password).await;
    let deleted = app
        .post_as(
            &format!("/clusters/{cluster}/years/2022/delete"),
            Some(&session),
            &[("csrf", &session.csrf)],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    (app, cluster, session)
}

async fn post_report(
    app: &TestApp,
    cluster: i32,
    session: Option<&Session>,
    csrf: &str,
    text: &str,
    file: Option<(&str, &[u8])>,
) -> Response {
    post_report_to(app, cluster, session, csrf, "", text, file).await
}

async fn post_report_to(
    app: &TestApp,
    cluster: i32,
    session: Option<&Session>,
    csrf: &str,
    conference: &str,
    text: &str,
    file: Option<(&str, &[u8])>,
) -> Response {
    let boundary = "thidua-prefill-boundary";
    let mut body = Vec::new();
    for (key, value) in [
        ("csrf", csrf),
        ("conference", conference),
        ("report_text", text),
    ] {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{key}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"report_file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let mut request = actix_web::test::TestRequest::post()
        .uri(&format!("/clusters/{cluster}/years/2022/prefill"))
        .insert_header((
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        ))
        .set_payload(body);
    if let Some(session) = session {
        request = request.insert_header(("cookie", session.cookie.clone()));
    }
    app.send(request).await
}

/// The report as a Word file, a paragraph per line.
fn word_file(report: &str) -> Vec<u8> {
    let mut docx = docx_rs::Docx::new();
    for paragraph in report.lines().filter(|l| !l.trim().is_empty()) {
        docx = docx.add_paragraph(
            docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(paragraph)),
        );
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).unwrap();
    bytes.into_inner()
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

fn year_count(app: &TestApp, cluster: i32, year: i32) -> i64 {
    use diesel::prelude::*;
    use thidua::schema::cluster_years;
    let mut conn = app.pool().get().unwrap();
    cluster_years::table
        .filter(cluster_years::cluster_id.eq(cluster))
        .filter(cluster_years::year.eq(year))
        .count()
        .get_result(&mut conn)
        .unwrap()
}

#[actix_web::test]
async fn a_pasted_seed_report_fills_the_form_and_saving_it_shows_every_fact() {
    let Some(report) = seed(SEED_003) else { return };
    let (app, cluster, session) = clerk_with_an_empty_year().await;
    let page = post_report(&app, cluster, Some(&session), &session.csrf, &report, None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", visible_text(&page.body));
    page.assert_contains("Đã điền");
    // Nothing is saved by filling.
    assert_eq!(year_count(&app, cluster, 2022), 0);

    let edit = format!("/clusters/{cluster}/years/2022/edit");
    let fields = form_fields(&page.body, &edit);
    let na_ri = app.unit_id("Na Rì", "district").to_string();
    let pac_nam = app.unit_id("Pác Nặm", "district").to_string();
    let city = app.unit_id("Bắc Kạn", "provincial_city").to_string();
    assert_eq!(field(&fields, "conf_kind"), "year_end_summary");
    assert_eq!(field(&fields, "conf_date"), "07/02/2023");
    assert_eq!(field(&fields, "conf_part"), "afternoon");
    assert_eq!(field(&fields, "conf_locality"), "Bắc Kạn");
    assert_eq!(field(&fields, "conf_host"), city);
    assert_eq!(field(&fields, "p0_name"), "Dương Hữu Bường");
    assert_eq!(field(&fields, "p0_role"), "presiding");
    assert_eq!(field(&fields, "p1_name"), "Nông Văn Nguyên");
    assert_eq!(field(&fields, "chair_unit"), city);
    assert_eq!(field(&fields, "vice_unit"), na_ri);
    assert_eq!(
        field(&fields, "m2_name"),
        "Doanh nghiệp Việt Nam hội nhập và phát triển"
    );
    assert_eq!(field(&fields, "i0_all_value"), "400");
    assert_eq!(field(&fields, "i0_all_qual"), "over");
    assert_eq!(field(&fields, "a0_unit"), na_ri);
    assert_eq!(field(&fields, "a2_unit"), pac_nam);
    assert_eq!(field(&fields, "a0_unanimous"), "1");
    assert_eq!(field(&fields, "next_chair"), na_ri);
    assert_eq!(field(&fields, "next_vice"), pac_nam);
    assert_eq!(field(&fields, "next_selection"), "elected");
    // Each filled field is marked with the words it came from.
    let text = visible_text(&page.body);
    assert!(
        text.contains("Từ bản tin: “…") || text.contains("Từ bản tin: “Bầu huyện Na Rì"),
        "{text}"
    );
    let select = page
        .body
        .split("<input id=\"conf_date\"")
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .unwrap_or_default();
    assert!(
        select.contains("class=\"prefilled\" aria-describedby=\"src-conf_date\""),
        "{select}"
    );
    let source = page
        .body
        .split("id=\"src-conf_date\">")
        .nth(1)
        .unwrap_or_default();
    assert!(
        source.starts_with("Từ bản tin: “Chiều 7/2, tại thành phố Bắc Kạn"),
        "{source}"
    );
    // The pasted text stays in its box.
    let first_line = report.trim().lines().next().unwrap();
    assert!(page.body.contains(&format!(">{first_line}")));

    // The clerk checks, publishes and saves as usual.
    let mut send: Vec<(&str, &str)> = fields
        .iter()
        .filter(|(k, _)| k != "status")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    send.push(("status", "published"));
    send.push(("action", "save"));
    let saved = app.post_as(&edit, Some(&session), &send).await;
    assert_eq!(
        saved.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&saved.body)
    );
    let summary = app.get(&format!("/clusters/{cluster}/years/2022")).await;
    for fact in [
        "Chiều 07/02/2023",
        "Dương Hữu Bường",
        "Nông Văn Nguyên",
        "Cả nước chung sức xây dựng nông thôn mới",
        "Doanh nghiệp Việt Nam hội nhập và phát triển",
        "trên 400",
        "Cờ thi đua của Ủy ban nhân dân tỉnh",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "huyện Chợ Mới",
        "Thống nhất",
    ] {
        summary.assert_contains(fact);
    }
}

#[actix_web::test]
async fn a_word_file_fills_the_form_like_pasted_text() {
    let Some(report) = seed(SEED_003) else { return };
    let (app, cluster, session) = clerk_with_an_empty_year().await;
    let bytes = word_file(&report);
    let page = post_report(
        &app,
        cluster,
        Some(&session),
        &session.csrf,
        "",
        Some(("ban-tin.docx", &bytes)),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", visible_text(&page.body));
    let fields = form_fields(&page.body, &format!("/clusters/{cluster}/years/2022/edit"));
    assert_eq!(
        field(&fields, "next_chair"),
        app.unit_id("Na Rì", "district").to_string()
    );
    assert_eq!(field(&fields, "conf_date"), "07/02/2023");
}

#[actix_web::test]
async fn a_pdf_with_a_text_layer_fills_the_form_like_pasted_text() {
    let Some(report) = seed(SEED_003) else { return };
    let (app, cluster, session) = clerk_with_an_empty_year().await;
    let pdf = thidua::documents::office::to_pdf(word_file(&report))
        .await
        .expect("LibreOffice (scripts/install-test-deps.sh) turns the Word file into a PDF");
    let page = post_report(
        &app,
        cluster,
        Some(&session),
        &session.csrf,
        "",
        Some(("ban-tin.pdf", &pdf)),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", visible_text(&page.body));
    let fields = form_fields(&page.body, &format!("/clusters/{cluster}/years/2022/edit"));
    assert_eq!(
        field(&fields, "next_vice"),
        app.unit_id("Pác Nặm", "district").to_string()
    );
    assert_eq!(
        field(&fields, "a1_unit"),
        app.unit_id("Chợ Mới", "district").to_string()
    );
    assert_eq!(field(&fields, "conf_date"), "07/02/2023");
}

#[actix_web::test]
async fn a_mid_year_review_pasted_into_a_new_conference_fills_that_one() {
    let app = TestApp::with_demo();
    let cluster = app.cluster_id(BAC_KAN);
    let password = app.add_user("thuky", "clerk", &[cluster]);
    let session = app.login("thuky", &password).await;
    let new = app
        .get_as(
            &format!("/clusters/{cluster}/years/2022/edit?conference=new"),
            &session,
        )
        .await;
    assert!(new.body.contains("name=\"conference\" value=\"new\""));
    let text = "Sáng ngày 15/7/2022, tại huyện Na Rì, Cụm thi đua các huyện, thành phố tổ chức hội nghị sơ kết công tác thi đua 6 tháng đầu năm 2022.";
    let page = post_report_to(
        &app,
        cluster,
        Some(&session),
        &session.csrf,
        "new",
        text,
        None,
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", visible_text(&page.body));
    let fields = form_fields(&page.body, &format!("/clusters/{cluster}/years/2022/edit"));
    // The year's summary stays as it is; the new conference is filled.
    assert_eq!(field(&fields, "conference_id"), "");
    assert_eq!(field(&fields, "conf_kind"), "mid_year_review");
    assert_eq!(field(&fields, "conf_date"), "15/07/2022");
    assert_eq!(
        field(&fields, "conf_host"),
        app.unit_id("Na Rì", "district").to_string()
    );
}

#[actix_web::test]
async fn an_empty_box_or_an_image_is_refused_with_a_reason_and_nothing_is_saved() {
    let (app, cluster, session) = clerk_with_an_empty_year().await;
    let empty = post_report(&app, cluster, Some(&session), &session.csrf, "   ", None).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    empty.assert_contains("Hãy dán nội dung bản tin");
    let image = post_report(
        &app,
        cluster,
        Some(&session),
        &session.csrf,
        "",
        Some(("anh.jpg", b"\xff\xd8\xff\xe0")),
    )
    .await;
    assert_eq!(image.status, StatusCode::UNPROCESSABLE_ENTITY);
    image.assert_contains("Chỉ đọc được tệp .txt, .docx hoặc .pdf");
    assert_eq!(year_count(&app, cluster, 2022), 0);
}

#[actix_web::test]
async fn a_report_that_names_no_member_says_so_and_fills_nothing_it_cannot_place() {
    let (app, cluster, session) = clerk_with_an_empty_year().await;
    let text = "Chiều 7/2/2023, Cụm thi đua tổ chức tổng kết năm 2022. Hội nghị suy tôn huyện Ba Chẽ nhận Cờ thi đua của UBND tỉnh.";
    let page = post_report(&app, cluster, Some(&session), &session.csrf, text, None).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("“huyện Ba Chẽ” không khớp đơn vị thành viên nào");
    let fields = form_fields(&page.body, &format!("/clusters/{cluster}/years/2022/edit"));
    assert_eq!(field(&fields, "a0_unit"), "");
    assert_eq!(field(&fields, "conf_date"), "07/02/2023");
}

#[actix_web::test]
async fn only_the_clusters_clerks_may_prefill_and_only_with_the_token() {
    let (app, cluster, session) = clerk_with_an_empty_year().await;
    let other = app.cluster_id(HA_TINH_2);
    let password = app.add_user("khac", "clerk", &[other]);
    let stranger = app.login("khac", &password).await;
    let refused = post_report(
        &app,
        cluster,
        Some(&stranger),
        &stranger.csrf,
        "Bầu huyện Na Rì làm Cụm trưởng.",
        None,
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let anonymous = post_report(
        &app,
        cluster,
        None,
        "",
        "Bầu huyện Na Rì làm Cụm trưởng.",
        None,
    )
    .await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(
        anonymous
            .location
            .as_deref()
            .is_some_and(|l| l.starts_with("/login"))
    );
    let no_token = post_report(
        &app,
        cluster,
        Some(&session),
        "",
        "Bầu huyện Na Rì làm Cụm trưởng.",
        None,
    )
    .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
}

#[test]
fn the_command_line_prints_each_field_with_its_sentence_and_ids() {
    let Some(_) = seed(SEED_003) else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("thidua.db");
    let app = TestApp::on_file(tempfile::tempdir().unwrap(), &db, true, 1);
    let cluster = app.cluster_id(BAC_KAN);
    let bin = env!("CARGO_BIN_EXE_thidua");
    let out = std::process::Command::new(bin)
        .args(["prefill", "--database"])
        .arg(&db)
        .args(["--cluster", &cluster.to_string()])
        .arg(seeds().join(SEED_003))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["year"], 2022);
    let fields = json["fields"].as_array().unwrap();
    let next = fields.iter().find(|f| f["field"] == "next_chair").unwrap();
    assert_eq!(next["value"]["unit"]["name"], "huyện Na Rì");
    assert!(next["unit_id"].as_i64().is_some());
    assert!(
        next["sentence"]
            .as_str()
            .unwrap()
            .starts_with("Tại Hội nghị")
            || next["sentence"]
                .as_str()
                .unwrap()
                .contains("Bầu huyện Na Rì")
    );
    let awards: Vec<&serde_json::Value> = fields.iter().filter(|f| f["field"] == "award").collect();
    assert_eq!(awards.len(), 3);
    assert!(awards.iter().all(|a| a["award_kind_id"].as_i64().is_some()));
}
