//! HTTP caching: ETags and 304s on published pages, the in-process cache
//! of anonymous pages, private signed-in views, the data version, and the
//! static files with versioned names, precompressed.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;

use crate::editor::{clerk_of_ha_tinh, full_form, post_form, units, with};
use crate::helpers::{BAC_KAN, Response, Session, TestApp, visible_text};

/// The tests' one response type, with the check every answer passes.
type Answer = Response;

trait SecurityHeaders {
    fn assert_security_headers(&self);
}

impl SecurityHeaders for Response {
    #[track_caller]
    fn assert_security_headers(&self) {
        for name in [
            "content-security-policy",
            "x-content-type-options",
            "x-frame-options",
            "referrer-policy",
        ] {
            assert!(
                self.headers.contains_key(name),
                "{name} missing on a {} answer",
                self.status
            );
        }
    }
}

async fn call(app: &TestApp, request: TestRequest) -> Answer {
    app.send(request).await
}

async fn anonymous(app: &TestApp, uri: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = TestRequest::get().uri(uri);
    for (name, value) in headers {
        request = request.insert_header((*name, *value));
    }
    call(app, request).await
}

async fn signed_in(app: &TestApp, uri: &str, session: &Session) -> Answer {
    call(
        app,
        TestRequest::get()
            .uri(uri)
            .insert_header(("cookie", session.cookie.clone())),
    )
    .await
}

fn data_version(app: &TestApp) -> i64 {
    let mut conn = app.pool().get().unwrap();
    thidua::db::version::current(&mut conn).unwrap().version
}

fn year_page(app: &TestApp) -> String {
    format!("/clusters/{}/years/2022", app.cluster_id(BAC_KAN))
}

#[actix_web::test]
async fn a_second_visit_with_the_etag_gets_304_with_the_security_headers() {
    let app = TestApp::with_demo();
    let uri = year_page(&app);
    let first = anonymous(&app, &uri, &[]).await;
    assert_eq!(first.status, StatusCode::OK);
    first.assert_security_headers();
    let etag = first.header("etag").expect("an ETag").to_string();
    assert_eq!(first.header("cache-control"), Some("no-cache"));
    assert!(first.header("last-modified").is_some());

    let again = anonymous(&app, &uri, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.bytes.is_empty());
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    again.assert_security_headers();

    // Served from the cache: the same page, the same headers of security.
    let cached = anonymous(&app, &uri, &[]).await;
    assert_eq!(cached.status, StatusCode::OK);
    assert_eq!(cached.bytes, first.bytes);
    cached.assert_security_headers();
    assert_eq!(cached.header("etag"), Some(etag.as_str()));

    // Another page's ETag does not match this one.
    let home = anonymous(&app, "/", &[("if-none-match", &etag)]).await;
    assert_eq!(home.status, StatusCode::OK);

    // A gzipped copy is kept apart from the plain one, and replayed as is.
    let gzip = [("accept-encoding", "gzip")];
    let zipped = anonymous(&app, &uri, &gzip).await;
    assert_eq!(zipped.header("content-encoding"), Some("gzip"));
    let zipped_again = anonymous(&app, &uri, &gzip).await;
    assert_eq!(zipped_again.header("content-encoding"), Some("gzip"));
    assert_eq!(zipped_again.bytes, zipped.bytes);
    assert!(zipped.bytes.len() < first.bytes.len() / 2);
}

#[actix_web::test]
async fn a_saved_year_changes_the_etag_and_the_page_shows_it_at_once() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let uri = format!("/clusters/{}/years/2022", s.cluster);
    let before = anonymous(&s.app, &uri, &[]).await;
    assert_eq!(before.status, StatusCode::OK);
    let old_tag = before.header("etag").expect("an ETag").to_string();
    let theme = "Chủ đề mới: Kỷ cương - Đổi mới - Bứt phá";
    assert!(!before.text().contains(theme));

    let form = with(&full_form(&s, &u), &[("theme", theme)]);
    let saved = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(
        saved.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&saved.body)
    );

    let revalidated = anonymous(&s.app, &uri, &[("if-none-match", &old_tag)]).await;
    assert_eq!(revalidated.status, StatusCode::OK, "no 304 after a save");
    assert_ne!(revalidated.header("etag"), Some(old_tag.as_str()));
    assert!(revalidated.text().contains(theme), "the page is not stale");
    let plain = anonymous(&s.app, &uri, &[]).await;
    assert!(plain.text().contains(theme), "the cache is not stale");
}

#[actix_web::test]
async fn a_clerks_view_of_a_draft_is_private_and_never_reaches_a_visitor() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let theme = "Chủ đề nháp Zelkova chưa công bố";
    let draft = with(
        &full_form(&s, &u),
        &[
            ("version", "0"),
            ("status", "draft"),
            ("theme", theme),
            ("conf_date", "05/01/2024"),
            ("cov_date", "05/01/2024"),
        ],
    );
    let saved = post_form(&s, 2023, &draft, &s.session.csrf).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(
        saved_cache_control(&s.app, &s.session, s.cluster).await,
        "private, no-store"
    );

    let cluster = format!("/clusters/{}", s.cluster);
    let year = format!("/clusters/{}/years/2023", s.cluster);
    let print = format!("{year}/print");
    for uri in [&cluster, &year, &print] {
        let view = signed_in(&s.app, uri, &s.session).await;
        assert_eq!(view.status, StatusCode::OK, "{uri}");
        assert_eq!(
            view.header("cache-control"),
            Some("private, no-store"),
            "{uri}"
        );
        assert!(view.header("etag").is_none(), "{uri}");
        view.assert_security_headers();
    }
    assert!(
        signed_in(&s.app, &year, &s.session)
            .await
            .text()
            .contains(theme)
    );

    // The visitor after the clerk, even with the clerk's encoding.
    for uri in [&cluster, &year, &print] {
        for headers in [&[][..], &[("accept-encoding", "gzip")][..]] {
            let visitor = anonymous(&s.app, uri, headers).await;
            assert!(!visitor.text().contains(theme), "GET {uri} leaks the draft");
        }
    }
    assert_eq!(
        anonymous(&s.app, &year, &[]).await.status,
        StatusCode::NOT_FOUND
    );

    // A clerk's conditional request never gets a visitor's 304.
    let visitor = anonymous(&s.app, &cluster, &[]).await;
    let tag = visitor.header("etag").expect("an ETag").to_string();
    let clerk = call(
        &s.app,
        TestRequest::get()
            .uri(&cluster)
            .insert_header(("cookie", s.session.cookie.clone()))
            .insert_header(("if-none-match", tag)),
    )
    .await;
    assert_eq!(clerk.status, StatusCode::OK);
}

/// The Cache-Control of the answer to a POST.
async fn saved_cache_control(app: &TestApp, session: &Session, cluster: i32) -> String {
    let answer = call(
        app,
        TestRequest::post()
            .uri(&format!("/clusters/{cluster}/years/2023/edit"))
            .insert_header(("cookie", session.cookie.clone()))
            .set_form([("csrf", session.csrf.as_str()), ("action", "save")]),
    )
    .await;
    answer
        .header("cache-control")
        .unwrap_or_default()
        .to_string()
}

#[actix_web::test]
async fn signing_in_leaves_the_data_version_and_the_etags_alone() {
    let app = TestApp::with_demo();
    let uri = year_page(&app);
    let tag = anonymous(&app, &uri, &[])
        .await
        .header("etag")
        .map(str::to_string);
    let version = data_version(&app);
    let password = app.add_user("thuky", "clerk", &[app.cluster_id(BAC_KAN)]);
    app.login("thuky", &password).await;
    let wrong = app
        .try_login("thuky", "sai mật khẩu", crate::helpers::CLIENT)
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(data_version(&app), version);
    let after = anonymous(
        &app,
        &uri,
        &[("if-none-match", tag.as_deref().unwrap_or("-"))],
    )
    .await;
    assert_eq!(after.status, StatusCode::NOT_MODIFIED);
}

#[actix_web::test]
async fn static_files_have_versioned_names_immutable_caching_and_precompressed_copies() {
    let app = TestApp::with_demo();
    let home = anonymous(&app, "/", &[]).await.text();
    let css = thidua::web::assets::url("thidua.css");
    assert!(css.starts_with("/static/thidua.") && css != "/static/thidua.css");
    assert!(
        home.contains(&format!("href=\"{css}\"")),
        "the page links {css}"
    );
    let year = anonymous(&app, &format!("{}/print", year_page(&app)), &[])
        .await
        .text();
    for name in ["report.css", "print.js"] {
        let url = thidua::web::assets::url(name);
        assert!(year.contains(url), "the print view links {url}");
    }

    let original =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/static/thidua.css")).unwrap();
    let plain = anonymous(&app, css, &[]).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert_eq!(
        plain.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(plain.header("vary"), Some("Accept-Encoding"));
    assert!(plain.header("content-encoding").is_none());
    assert_eq!(plain.bytes, original);
    plain.assert_security_headers();

    let browser = [("accept-encoding", "gzip, deflate, br, zstd")];
    let br = anonymous(&app, css, &browser).await;
    assert_eq!(br.header("content-encoding"), Some("br"));
    let mut unpacked = Vec::new();
    brotli::BrotliDecompress(&mut &br.bytes[..], &mut unpacked).unwrap();
    assert_eq!(unpacked, original);

    let gz = anonymous(&app, css, &[("accept-encoding", "gzip")]).await;
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    let mut unpacked = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&gz.bytes[..]),
        &mut unpacked,
    )
    .unwrap();
    assert_eq!(unpacked, original);
    assert!(br.bytes.len() < gz.bytes.len() && gz.bytes.len() < original.len());

    let refused = anonymous(&app, css, &[("accept-encoding", "gzip;q=0, br;q=0")]).await;
    assert!(refused.header("content-encoding").is_none());
    assert_eq!(refused.bytes, original);

    // The old address still works, cached for a day only.
    let old = anonymous(&app, "/static/thidua.css", &[]).await;
    assert_eq!(old.status, StatusCode::OK);
    assert_eq!(old.header("cache-control"), Some("public, max-age=86400"));
    assert_eq!(
        anonymous(&app, "/static/thidua.0123456789.css", &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

fn tallies_version(app: &TestApp) -> i64 {
    let mut conn = app.pool().get().unwrap();
    let tallies = thidua::db::version::tallies(&mut conn).unwrap();
    assert!(!tallies.pending, "a change left unversioned");
    tallies.version
}

#[actix_web::test]
async fn the_tallies_are_kept_through_saves_that_change_nothing_they_count() {
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let tallies = format!("/awards?from=2022&to=2022&cluster={}", s.cluster);
    let form = full_form(&s, &u);
    let saved = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let counted = anonymous(&s.app, &tallies, &[]).await.text();
    assert!(counted.contains("Lộc Hà"), "{}", visible_text(&counted));
    assert!(!counted.contains("Kỳ Anh"));
    let (data, kept) = (data_version(&s.app), tallies_version(&s.app));

    // Minutes and theme are not counted: the tallies stay as counted.
    let theme_only = with(
        &form,
        &[
            ("version", "2"),
            ("theme", "Chủ đề sửa lại"),
            ("minutes", "Biên bản sửa lại."),
        ],
    );
    let saved = post_form(&s, 2022, &theme_only, &s.session.csrf).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_ne!(data_version(&s.app), data, "the save wrote nothing");
    assert_eq!(tallies_version(&s.app), kept, "a theme moved the tallies");
    assert_eq!(anonymous(&s.app, &tallies, &[]).await.text(), counted);

    // A proposal more is counted at once.
    let ky_anh = u.ky_anh.to_string();
    let kind = u.provincial_flag.to_string();
    let proposed = with(
        &theme_only,
        &[("version", "3"), ("a1_unit", &ky_anh), ("a1_kind", &kind)],
    );
    let saved = post_form(&s, 2022, &proposed, &s.session.csrf).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_ne!(tallies_version(&s.app), kept);
    assert!(
        anonymous(&s.app, &tallies, &[])
            .await
            .text()
            .contains("Kỳ Anh")
    );
}

#[test]
fn only_what_the_tallies_count_moves_their_version() {
    use diesel::prelude::*;
    use thidua::schema::{award_proposals, cluster_years, title_counts, units};
    let app = TestApp::with_demo();
    let mut conn = app.pool().get().unwrap();
    let proposal: i32 = award_proposals::table
        .select(award_proposals::id)
        .first(&mut conn)
        .unwrap();
    let mut moved = |label: &str, work: &dyn Fn(&mut thidua::db::DbConn) -> QueryResult<usize>| {
        let before = thidua::db::version::tallies(&mut conn).unwrap();
        let changed = thidua::db::write(&mut conn, |c| work(c)).unwrap();
        assert!(changed > 0, "{label}: nothing written");
        let after = thidua::db::version::tallies(&mut conn).unwrap();
        assert!(!after.pending, "{label}: left pending");
        after.version != before.version
    };
    assert!(!moved("a theme", &|c| {
        diesel::update(cluster_years::table)
            .set(cluster_years::theme.eq("Chủ đề khác"))
            .execute(c)
    }));
    assert!(!moved("the votes", &|c| {
        diesel::update(award_proposals::table.find(proposal))
            .set(award_proposals::votes_for.eq(99))
            .execute(c)
    }));
    assert!(!moved("a status set to itself", &|c| {
        diesel::update(award_proposals::table.find(proposal))
            .set(award_proposals::status.eq(award_proposals::status))
            .execute(c)
    }));
    assert!(moved("a decision", &|c| {
        diesel::update(award_proposals::table.find(proposal))
            .set(award_proposals::status.eq("declined"))
            .execute(c)
    }));
    assert!(moved("a unit's name", &|c| {
        diesel::update(units::table.filter(units::name.eq("Lộc Hà")))
            .set(units::name.eq("Lộc Hà mới"))
            .execute(c)
    }));
    assert!(moved("a year unpublished", &|c| {
        diesel::update(cluster_years::table.filter(cluster_years::status.eq("published")))
            .set(cluster_years::status.eq("draft"))
            .execute(c)
    }));
    assert!(moved("a count of titles", &|c| {
        let year: i32 = cluster_years::table.select(cluster_years::id).first(c)?;
        diesel::insert_into(title_counts::table)
            .values((
                title_counts::cluster_year_id.eq(year),
                title_counts::title.eq("Lao động tiên tiến"),
                title_counts::recipient.eq("individual"),
                title_counts::count.eq(12),
                title_counts::sort_order.eq(0),
            ))
            .execute(c)
    }));
}
