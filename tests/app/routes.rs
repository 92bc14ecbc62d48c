//! The route table (`thidua::web::routes`) against who asks: every route
//! the app registers × {anonymous, a clerk of another cluster, a clerk of
//! this cluster, an admin} gets the answer its access says, and a write
//! refused changes nothing. A route added to the table needs nothing here
//! to be checked; a route registered outside the table fails the last test.

use actix_web::http::StatusCode;
use diesel::prelude::*;

use crate::helpers::*;
use thidua::web::routes::{self, Access};

/// Real ids of the demo data for each path's placeholders.
#[derive(Clone)]
struct Ids {
    cluster: i32,
    unit: i32,
    body: i32,
    proposal: i32,
    conference: i32,
    attachment: i32,
    membership: i32,
    award_kind: i32,
    /// The award kind of `proposal`: what a council's decision form lists.
    proposal_kind: i32,
    user: i32,
}

fn ids(app: &TestApp, clerk: &str) -> Ids {
    use thidua::schema::*;
    let mut conn = app.pool().get().unwrap();
    let cluster = app.cluster_id(BAC_KAN);
    let year_id: i32 = cluster_years::table
        .filter(cluster_years::cluster_id.eq(cluster))
        .filter(cluster_years::year.eq(2022))
        .select(cluster_years::id)
        .first(&mut conn)
        .unwrap();
    let conference: i32 = conferences::table
        .filter(conferences::cluster_year_id.eq(year_id))
        .select(conferences::id)
        .first(&mut conn)
        .unwrap();
    diesel::insert_into(attachments::table)
        .values((
            attachments::conference_id.eq(conference),
            attachments::file_name.eq("bien-ban.png"),
            attachments::content_type.eq("image/png"),
            attachments::size.eq(8),
            attachments::content.eq(b"\x89PNG\r\n\x1a\n".to_vec()),
            attachments::uploaded_at.eq(chrono::Utc::now().naive_utc()),
        ))
        .execute(&mut conn)
        .unwrap();
    Ids {
        cluster,
        unit: app.unit_id("Na Rì", "district"),
        body: clusters::table
            .find(cluster)
            .select(clusters::organising_body_id)
            .first(&mut conn)
            .unwrap(),
        proposal: award_proposals::table
            .filter(award_proposals::cluster_year_id.eq(year_id))
            .select(award_proposals::id)
            .first(&mut conn)
            .unwrap(),
        conference,
        attachment: attachments::table
            .select(attachments::id)
            .order(attachments::id.desc())
            .first(&mut conn)
            .unwrap(),
        membership: memberships::table
            .filter(memberships::cluster_id.eq(cluster))
            .select(memberships::id)
            .first(&mut conn)
            .unwrap(),
        award_kind: award_kinds::table
            .select(award_kinds::id)
            .first(&mut conn)
            .unwrap(),
        proposal_kind: award_proposals::table
            .filter(award_proposals::cluster_year_id.eq(year_id))
            .select(award_proposals::award_kind_id)
            .first(&mut conn)
            .unwrap(),
        user: users::table
            .filter(users::name.eq(clerk))
            .select(users::id)
            .first(&mut conn)
            .unwrap(),
    }
}

/// The path with its placeholders filled for this cluster's records; None
/// for a placeholder this test does not know (a new kind of route: add it).
fn concrete(path: &str, ids: &Ids) -> Option<String> {
    let id = if path.starts_with("/clusters/") || path.starts_with("/admin/clusters/") {
        ids.cluster
    } else if path.starts_with("/units/") || path.starts_with("/admin/units/") {
        ids.unit
    } else if path.starts_with("/bodies/") || path.starts_with("/admin/bodies/") {
        ids.body
    } else if path.starts_with("/awards/proposals/") {
        ids.proposal
    } else if path.starts_with("/conferences/") {
        ids.conference
    } else if path.starts_with("/attachments/") {
        ids.attachment
    } else if path.starts_with("/admin/memberships/") {
        ids.membership
    } else if path.starts_with("/admin/award-kinds/") {
        ids.award_kind
    } else if path.starts_with("/admin/users/") {
        ids.user
    } else {
        0
    };
    let filled = path
        .replace(
            "/history/{entity}/{id}",
            &format!("/history/clusters/{}", ids.cluster),
        )
        .replace("{name}", "don-vi.csv")
        .replace("{year}", "2022")
        .replace("{id}", &id.to_string());
    // Forms sent by GET are asked with their fields: the year picker, and
    // a council's decisions on one kind of award in one year.
    let filled = if filled.ends_with("/enter") {
        format!("{filled}?year=2023")
    } else if filled == "/decisions/new" {
        format!("{filled}?kind={}&year=2022", ids.proposal_kind)
    } else {
        filled
    };
    (!(filled.contains('{') || filled.contains("/0/") || filled.ends_with("/0"))).then_some(filled)
}

/// What changes when a write goes through: the data version every write
/// bumps, and the number of rows of every table a write touches.
fn fingerprint(app: &TestApp) -> Vec<i64> {
    use thidua::schema::*;
    let mut conn = app.pool().get().unwrap();
    let mut out = vec![
        data_version::table
            .select(data_version::version)
            .first::<i64>(&mut conn)
            .unwrap(),
    ];
    macro_rules! counts {
        ($($t:ident),*) => {
            $(out.push($t::table.count().get_result::<i64>(&mut conn).unwrap());)*
        };
    }
    counts!(
        attachments,
        award_kinds,
        award_proposals,
        cluster_years,
        clusters,
        conferences,
        covenants,
        memberships,
        organising_bodies,
        people,
        units,
        users,
        import_uploads
    );
    out
}

/// The demo data with a clerk of Bắc Kạn's cluster, a clerk of another
/// cluster and an admin, each signed in.
struct World {
    app: TestApp,
    ids: Ids,
    own: Session,
    stranger: Session,
    admin: Session,
}

/// A world's database, kept to start fresh worlds from: a copy of the file
/// keeps the records, the accounts and their sessions, so a fresh world
/// costs a file copy instead of loading the demo and hashing passwords.
struct Template {
    _dir: tempfile::TempDir,
    /// None on PostgreSQL, where each fresh world is made anew.
    file: Option<std::path::PathBuf>,
    ids: Ids,
    own: Session,
    stranger: Session,
    admin: Session,
}

impl Template {
    fn of(w: &World) -> Template {
        let dir = tempfile::tempdir().unwrap();
        let file = (crate::engine::postgres_url().is_none()).then(|| {
            let file = dir.path().join("template.db");
            diesel::sql_query(format!("VACUUM INTO '{}'", file.display()))
                .execute(&mut w.app.pool().get().unwrap())
                .unwrap();
            file
        });
        Template {
            _dir: dir,
            file,
            ids: w.ids.clone(),
            own: w.own.clone(),
            stranger: w.stranger.clone(),
            admin: w.admin.clone(),
        }
    }

    /// A world of its own, as the template's was when it was kept.
    async fn fresh(&self) -> World {
        let Some(template) = &self.file else {
            return world().await;
        };
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("world.db");
        std::fs::copy(template, &file).unwrap();
        World {
            app: TestApp::on_file(dir, &file, false, 4),
            ids: self.ids.clone(),
            own: self.own.clone(),
            stranger: self.stranger.clone(),
            admin: self.admin.clone(),
        }
    }
}

async fn world() -> World {
    let app = TestApp::with_demo();
    let cluster = app.cluster_id(BAC_KAN);
    let other = app.cluster_id(HA_TINH_2);
    let own_password = app.add_user("thuky", "clerk", &[cluster]);
    let other_password = app.add_user("thuky-khac", "clerk", &[other]);
    let admin_password = app.add_user("quantri", "admin", &[]);
    let ids = ids(&app, "thuky");
    let own = app.login("thuky", &own_password).await;
    let stranger = app.login("thuky-khac", &other_password).await;
    let admin = app.login("quantri", &admin_password).await;
    World {
        app,
        ids,
        own,
        stranger,
        admin,
    }
}

fn allowed(access: Access, who: &str) -> bool {
    match (access, who) {
        (Access::Public, _) => true,
        (Access::Session, _) => true,
        (Access::SignedIn, who) => who != "anonymous",
        (Access::ClusterClerk, "own clerk" | "admin") => true,
        (Access::Admin, "admin") => true,
        _ => false,
    }
}

/// Asks one route as one visitor and checks the answer; a refused request
/// must leave the records as they were.
async fn ask(w: &World, method: &str, uri: &str, access: Access, who: &str) {
    let session = match who {
        "other clerk" => Some(&w.stranger),
        "own clerk" => Some(&w.own),
        "admin" => Some(&w.admin),
        _ => None,
    };
    let before = fingerprint(&w.app);
    let response = if method == "get" {
        match session {
            Some(s) => w.app.get_as(uri, s).await,
            None => {
                w.app
                    .send(actix_web::test::TestRequest::get().uri(uri))
                    .await
            }
        }
    } else {
        // A valid token and nothing else.
        let csrf = session.map_or("", |s| s.csrf.as_str());
        w.app.post_as(uri, session, &[("csrf", csrf)]).await
    };
    let status = response.status;
    let to_login = status == StatusCode::SEE_OTHER
        && response
            .location
            .as_deref()
            .is_some_and(|l| l.starts_with("/login"));
    let context = format!("{method} {uri} as {who} ({access:?}): {status}");
    if access == Access::Session {
        // Signing in needs the login form's own token, which no visitor
        // here sent; the rest of signing in and out is tests/app/auth.rs's.
        if method == "post" && uri == "/login" {
            assert_eq!(status, StatusCode::FORBIDDEN, "{context}");
            assert_eq!(
                before,
                fingerprint(&w.app),
                "{context}: a refused sign-in changed the records"
            );
        } else {
            assert!(
                !status.is_server_error() && status != StatusCode::NOT_FOUND,
                "{context}"
            );
        }
        return;
    }
    if allowed(access, who) {
        // A write with only its token may be refused for what it lacks
        // (400, 404 for a missing year, 422), never for who sent it.
        assert!(
            status != StatusCode::FORBIDDEN && !to_login && !status.is_server_error(),
            "{context}, expected an answer:\n{}",
            visible_text(&response.body)
        );
        if method == "get" && access != Access::Session {
            assert!(
                status == StatusCode::OK || status == StatusCode::SEE_OTHER,
                "{context}"
            );
        }
    } else {
        match who {
            "anonymous" => assert!(to_login, "{context}, expected 303 to sign-in"),
            _ => assert_eq!(status, StatusCode::FORBIDDEN, "{context}"),
        }
        assert_eq!(
            before,
            fingerprint(&w.app),
            "{context}: a refused request changed the records"
        );
    }
}

const VISITORS: [&str; 4] = ["anonymous", "other clerk", "own clerk", "admin"];

#[actix_web::test]
async fn every_route_answers_each_kind_of_visitor_as_its_access_says() {
    let reads = world().await;
    let template = Template::of(&reads);
    let mut checked = 0;
    for (method, path, access) in routes::all() {
        let uri = concrete(&path, &reads.ids)
            .unwrap_or_else(|| panic!("{method} {path}: this test does not know its placeholders"));
        // The Word-to-PDF dossier needs LibreOffice for each visitor; its
        // access is the year page's, which the other downloads show.
        if uri.ends_with("dossier.pdf") {
            continue;
        }
        if method == "get" {
            for who in VISITORS {
                ask(&reads, &method, &uri, access, who).await;
                checked += 1;
            }
        } else {
            // A write that goes through (a deletion needs only its token)
            // must not change what the next visitor finds: each visitor
            // allowed to write does so in a world of its own; a refused
            // one changes nothing (`ask` checks), so it shares the first;
            // signing out ends a session, so it too has its own.
            for who in VISITORS {
                if allowed(access, who) || access == Access::Session {
                    let w = template.fresh().await;
                    ask(&w, &method, &uri, access, who).await;
                } else {
                    ask(&reads, &method, &uri, access, who).await;
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 4 * 80, "only {checked} requests checked");
}

#[test]
fn no_route_is_registered_outside_the_table() {
    // Scopes and routes may be added only by the table, the admin's record
    // pages (driven by admin::KIND_ROUTES) and the static files.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed = ["web/routes.rs", "admin/mod.rs"];
    let mut stray = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if allowed.contains(&relative.as_str()) || path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, line) in text.lines().enumerate() {
                let registers = line.contains(".route(") || line.contains(".service(");
                // app.rs registers the static files' scope and the admin's.
                let known = relative == "web/app.rs"
                    && (line.contains("static_files")
                        || line.contains("admin::routes(")
                        || line.contains("\"/{name}\""));
                if registers && !known {
                    stray.push(format!("{relative}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        stray.is_empty(),
        "routes registered outside web/routes.rs:\n{}",
        stray.join("\n")
    );
}

/// Routes that take multipart uploads: their token travels in the upload.
const MULTIPART: &[&str] = &[
    "/conferences/{id}/attachments",
    "/admin/import",
    "/clusters/{id}/years/{year}/prefill",
];

async fn post_with_token(
    w: &World,
    uri: &str,
    path: &str,
    session: &Session,
    token: Option<&str>,
) -> Response {
    if MULTIPART.contains(&path) {
        let boundary = "thidua-csrf-boundary";
        let mut body = String::new();
        if let Some(token) = token {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n"
            ));
        }
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"report_text\"\r\n\r\nBầu huyện Na Rì làm Cụm trưởng.\r\n--{boundary}--\r\n"
        ));
        return w
            .app
            .send(
                actix_web::test::TestRequest::post()
                    .uri(uri)
                    .insert_header(("cookie", session.cookie.clone()))
                    .insert_header((
                        "content-type",
                        format!("multipart/form-data; boundary={boundary}"),
                    ))
                    .set_payload(body),
            )
            .await;
    }
    let fields: Vec<(&str, &str)> = token.map(|t| vec![("csrf", t)]).unwrap_or_default();
    w.app.post_as(uri, Some(session), &fields).await
}

fn refusals(app: &TestApp, path: &str) -> usize {
    app.audit_actions()
        .iter()
        .filter(|(action, _, note)| {
            action == "write_refused"
                && note
                    .as_deref()
                    .is_some_and(|n| n.contains(path) && n.contains("CSRF"))
        })
        .count()
}

#[actix_web::test]
async fn every_write_refuses_a_missing_a_foreign_or_a_stale_token_and_audits_it() {
    let w = world().await;
    // A session that has signed out: its token must be worth nothing.
    let password = w.app.add_user("da-dang-xuat", "admin", &[]);
    let gone = w.app.login("da-dang-xuat", &password).await;
    let out = w
        .app
        .post_as("/logout", Some(&gone), &[("csrf", &gone.csrf)])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    for path in MULTIPART {
        assert!(
            routes::all()
                .iter()
                .any(|(m, p, _)| m == "post" && p == path),
            "{path} is no longer a route"
        );
    }
    let mut checked = 0;
    for (method, path, access) in routes::all() {
        if method != "post" || access == Access::Session {
            continue;
        }
        let uri = concrete(&path, &w.ids).unwrap();
        for (case, token) in [
            ("no token", None),
            ("another session's token", Some(w.own.csrf.as_str())),
            ("a signed-out session's token", Some(gone.csrf.as_str())),
        ] {
            let before = fingerprint(&w.app);
            let bare = uri.split('?').next().unwrap_or(&uri).to_string();
            let audited = refusals(&w.app, &bare);
            // The admin may write everywhere: only the token can refuse.
            let response = post_with_token(&w, &uri, &path, &w.admin, token).await;
            let context = format!("POST {uri} with {case}: {}", response.status);
            assert_eq!(
                response.status,
                StatusCode::FORBIDDEN,
                "{context}\n{}",
                visible_text(&response.body)
            );
            assert_eq!(
                before,
                fingerprint(&w.app),
                "{context}: the records changed"
            );
            assert_eq!(
                refusals(&w.app, &bare),
                audited + 1,
                "{context}: the refusal is not in the audit log"
            );
            checked += 1;
        }
    }
    let writes = routes::all()
        .iter()
        .filter(|(m, _, a)| m == "post" && *a != Access::Session)
        .count();
    assert!(
        writes > 20 && checked == 3 * writes,
        "{checked} checks for {writes} writes"
    );
}

#[actix_web::test]
async fn a_login_with_its_cookie_but_another_forms_token_is_refused_and_audited() {
    let w = world().await;
    let form = w
        .app
        .send(actix_web::test::TestRequest::get().uri("/login"))
        .await;
    let cookie = form
        .set_cookies
        .iter()
        .find(|c| c.starts_with("thidua_login="))
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_string();
    let other_form = w
        .app
        .send(actix_web::test::TestRequest::get().uri("/login"))
        .await;
    let other_token = hidden_value(&other_form.body, "csrf");
    assert_ne!(other_token, hidden_value(&form.body, "csrf"));
    let before = w.app.audit_actions().len();
    let refused = w
        .app
        .send(
            actix_web::test::TestRequest::post()
                .uri("/login")
                .insert_header(("cookie", cookie))
                .set_form([
                    ("name", "quantri"),
                    ("password", "sai"),
                    ("csrf", other_token.as_str()),
                    ("next", "/"),
                ]),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    refused.assert_contains("Biểu mẫu đăng nhập đã hết hạn");
    assert!(
        refused
            .set_cookies
            .iter()
            .all(|c| !c.starts_with("thidua_session=") || c.contains("Max-Age=0"))
    );
    let audit = w.app.audit_actions();
    let (action, name, note) = audit.last().unwrap();
    assert_eq!(audit.len(), before + 1);
    assert_eq!(
        (action.as_str(), name.as_deref()),
        ("login_refused", Some("quantri"))
    );
    assert!(
        note.as_deref()
            .is_some_and(|n| n.contains("mã biểu mẫu đăng nhập")),
        "{note:?}"
    );
}

#[actix_web::test]
async fn every_kind_of_answer_carries_the_security_headers() {
    use crate::editor::{clerk_of_ha_tinh, full_form, post_form, units, with};
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let year = format!("/clusters/{}/years/2022", s.cluster);
    let get = |uri: &str| actix_web::test::TestRequest::get().uri(uri);
    let mut answers: Vec<(&str, Response)> = Vec::new();

    answers.push(("a page", s.app.send(get("/")).await));
    answers.push(("a download", s.app.send(get("/awards.csv")).await));
    answers.push((
        "a sign-in redirect",
        s.app.send(get(&format!("{year}/edit"))).await,
    ));
    answers.push(("a missing page", s.app.send(get("/khong-co")).await));
    let other = s.app.cluster_id(BAC_KAN);
    answers.push((
        "a refusal",
        s.app
            .get_as(&format!("/clusters/{other}/years/2022/edit"), &s.session)
            .await,
    ));
    let form = full_form(&s, &u);
    answers.push((
        "a refused form",
        post_form(
            &s,
            2022,
            &with(&form, &[("conf_date", "31/02/2023")]),
            &s.session.csrf,
        )
        .await,
    ));
    let saved = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    answers.push(("a save's redirect", saved));
    answers.push((
        "a stale save",
        post_form(
            &s,
            2022,
            &with(&form, &[("theme", "Khác")]),
            &s.session.csrf,
        )
        .await,
    ));
    let mut huge = form.clone();
    huge.push(("minutes", "x".repeat(thidua::web::app::FORM_LIMIT + 1)));
    answers.push((
        "a body over the limit",
        post_form(&s, 2022, &huge, &s.session.csrf).await,
    ));
    let first = s.app.send(get(&year)).await;
    let etag = first
        .headers
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    answers.push((
        "a 304",
        s.app
            .send(get(&year).insert_header(("if-none-match", etag)))
            .await,
    ));
    crate::engine::Faults(&mut s.app.pool().get().unwrap()).refuse(
        "refuse_years",
        "BEFORE UPDATE",
        "cluster_years",
    );
    answers.push((
        "a failed save",
        post_form(
            &s,
            2022,
            &with(&form, &[("version", "2"), ("theme", "Lỗi")]),
            &s.session.csrf,
        )
        .await,
    ));

    let statuses: Vec<u16> = answers.iter().map(|(_, r)| r.status.as_u16()).collect();
    assert_eq!(
        statuses,
        [200, 200, 303, 404, 403, 422, 303, 409, 413, 304, 500],
        "the answers asked for"
    );
    for (what, r) in &answers {
        let header = |name: &str| {
            r.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let csp = header("content-security-policy");
        assert!(
            csp.contains("script-src 'self'")
                && !csp.contains("unsafe-inline")
                && csp.contains("frame-ancestors 'none'"),
            "{what} ({}): CSP {csp:?}",
            r.status
        );
        assert_eq!(
            header("x-content-type-options"),
            "nosniff",
            "{what} ({})",
            r.status
        );
        assert_eq!(
            header("referrer-policy"),
            "strict-origin-when-cross-origin",
            "{what} ({})",
            r.status
        );
        assert_eq!(header("x-frame-options"), "DENY", "{what} ({})", r.status);
    }
}
