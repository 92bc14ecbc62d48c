//! Signed minutes: uploaded, type-checked by content, served back safely.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use diesel::prelude::*;

use crate::helpers::*;

pub(crate) fn multipart(csrf: &str, file_name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "thidua-test-boundary";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/pdf\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn conference_of(app: &TestApp, cluster: i32) -> i32 {
    use thidua::schema::{cluster_years, conferences};
    let mut conn = app.pool().get().unwrap();
    conferences::table
        .inner_join(cluster_years::table)
        .filter(cluster_years::cluster_id.eq(cluster))
        .select(conferences::id)
        .first(&mut conn)
        .unwrap()
}

pub(crate) async fn upload(
    app: &TestApp,
    session: &Session,
    conference: i32,
    name: &str,
    bytes: &[u8],
) -> Response {
    let (content_type, body) = multipart(&session.csrf, name, bytes);
    app.send(
        TestRequest::post()
            .uri(&format!("/conferences/{conference}/attachments"))
            .insert_header(("cookie", session.cookie.clone()))
            .insert_header(("content-type", content_type))
            .set_payload(body),
    )
    .await
}

#[actix_web::test]
async fn signed_minutes_are_uploaded_checked_and_served_as_downloads() {
    let app = TestApp::with_demo();
    let cluster = app.cluster_id(BAC_KAN);
    let password = app.add_user("thuky", "clerk", &[cluster]);
    let session = app.login("thuky", &password).await;
    let conference = conference_of(&app, cluster);

    let pdf = b"%PDF-1.4\n% bien ban da ky\n%%EOF\n";
    let response = upload(&app, &session, conference, "Biên bản hội nghị.pdf", pdf).await;
    assert_eq!(
        response.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&response.body)
    );
    let page = app.get(&format!("/clusters/{cluster}/years/2022")).await;
    page.assert_contains("Biên bản hội nghị.pdf");
    let start = page.body.find("href=\"/attachments/").unwrap() + 6;
    let link = &page.body[start..start + page.body[start..].find('"').unwrap()];
    let download = app.send(TestRequest::get().uri(link)).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.body.as_bytes(), pdf);

    let raw = actix_web::test::init_service(thidua::web::app::build_app(app.config.clone())).await;
    let served =
        actix_web::test::call_service(&raw, TestRequest::get().uri(link).to_request()).await;
    assert_eq!(
        served.headers().get("content-type").unwrap(),
        "application/pdf"
    );
    let disposition = served
        .headers()
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert_eq!(
        served.headers().get("x-content-type-options").unwrap(),
        "nosniff"
    );

    // An HTML page named .pdf is refused by its content.
    let html = upload(
        &app,
        &session,
        conference,
        "bien-ban.pdf",
        b"<html><script>alert(1)</script></html>",
    )
    .await;
    assert_eq!(html.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    html.assert_contains("Chỉ nhận biên bản dạng PDF, PNG hoặc JPEG");

    // Over the size limit: a message, not a dropped connection.
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(11 * 1024 * 1024, b'x');
    let too_big = upload(&app, &session, conference, "lon.pdf", &big).await;
    assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE);
    too_big.assert_contains("Dữ liệu gửi lên quá lớn");

    // Removing it asks first, then the file is gone.
    let id = link.trim_start_matches("/attachments/");
    let confirm = app
        .get_as(&format!("/attachments/{id}/delete"), &session)
        .await;
    assert_eq!(confirm.status, StatusCode::OK);
    confirm.assert_contains("Xóa tệp “Biên bản hội nghị.pdf”");
    let removed = app
        .post_as(
            &format!("/attachments/{id}/delete"),
            Some(&session),
            &[("csrf", &session.csrf)],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.send(TestRequest::get().uri(link)).await.status,
        StatusCode::NOT_FOUND
    );

    // A clerk of another cluster may not attach anything here.
    let other_password = app.add_user("khac", "clerk", &[app.cluster_id(HA_TINH_2)]);
    let other = app.login("khac", &other_password).await;
    assert_eq!(
        upload(&app, &other, conference, "x.pdf", pdf).await.status,
        StatusCode::FORBIDDEN
    );
}

#[actix_web::test]
async fn a_file_name_loses_the_characters_that_would_disguise_it() {
    let app = TestApp::with_demo();
    let cluster = app.cluster_id(BAC_KAN);
    let password = app.add_user("thuky", "clerk", &[cluster]);
    let session = app.login("thuky", &password).await;
    let conference = conference_of(&app, cluster);
    let pdf = b"%PDF-1.4\n%%EOF\n";
    // Shown as "bien-ban-exe.pdf" but stored as "...\u{202E}fdp.exe".
    let disguised = "bien-ban-\u{202E}fdp.exe\u{202C}\u{2066}.pdf";
    let response = upload(&app, &session, conference, disguised, pdf).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    let stored: String = {
        use thidua::schema::attachments;
        let mut conn = app.pool().get().unwrap();
        attachments::table
            .filter(attachments::conference_id.eq(conference))
            .order(attachments::id.desc())
            .select(attachments::file_name)
            .first(&mut conn)
            .unwrap()
    };
    assert_eq!(stored, "bien-ban-fdp.exe.pdf");
}

#[actix_web::test]
async fn png_and_jpeg_are_taken_and_ten_megabytes_is_the_limit_to_the_byte() {
    use diesel::prelude::*;
    use thidua::schema::attachments;
    let app = TestApp::with_demo();
    let cluster = app.cluster_id(BAC_KAN);
    let password = app.add_user("thuky", "clerk", &[cluster]);
    let session = app.login("thuky", &password).await;
    let conference = conference_of(&app, cluster);
    let stored = |app: &TestApp| -> Vec<(String, String, i32)> {
        let mut conn = app.pool().get().unwrap();
        attachments::table
            .filter(attachments::conference_id.eq(conference))
            .order(attachments::id)
            .select((
                attachments::file_name,
                attachments::content_type,
                attachments::size,
            ))
            .load(&mut conn)
            .unwrap()
    };
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let jpeg = b"\xff\xd8\xff\xe0\0\x10JFIF\0".to_vec();
    for (name, bytes) in [("anh-bien-ban.png", &png), ("anh-bien-ban.jpg", &jpeg)] {
        let response = upload(&app, &session, conference, name, bytes).await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "{name}: {}",
            visible_text(&response.body)
        );
    }
    let kinds: Vec<String> = stored(&app).into_iter().map(|(_, kind, _)| kind).collect();
    assert_eq!(kinds, ["image/png", "image/jpeg"]);

    // Exactly 10 MB is taken; one byte more is refused with a message.
    let limit = thidua::editor::attachments::MAX_FILE;
    assert_eq!(limit, 10 * 1024 * 1024);
    let mut exact = b"%PDF-1.4\n".to_vec();
    exact.resize(limit, b'x');
    let taken = upload(&app, &session, conference, "vua-du.pdf", &exact).await;
    assert_eq!(
        taken.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&taken.body)
    );
    assert!(
        stored(&app)
            .iter()
            .any(|(name, _, size)| name == "vua-du.pdf" && *size as usize == limit)
    );
    exact.push(b'x');
    let refused = upload(&app, &session, conference, "qua-mot-byte.pdf", &exact).await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
    refused.assert_contains("Dữ liệu gửi lên quá lớn");
    assert!(
        !stored(&app)
            .iter()
            .any(|(name, _, _)| name == "qua-mot-byte.pdf")
    );
}
