//! Signing in and out, sessions, cookies and the slowing of guessers.

use actix_web::http::StatusCode;
use chrono::{Duration, Utc};

use crate::helpers::*;

#[actix_web::test]
async fn login_sets_a_safe_session_cookie_and_logout_ends_the_session() {
    let app = TestApp::with_demo();
    let password = app.add_user("thuky", "clerk", &[]);
    let response = app.try_login("thuky", &password, CLIENT).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.location.as_deref(), Some("/"));
    let cookie = response
        .set_cookies
        .iter()
        .find(|c| c.starts_with("thidua_session="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );

    let session = app.login("thuky", &password).await;
    let home = app.get_as("/", &session).await;
    home.assert_contains("thuky · Cán bộ nhập liệu");
    home.assert_contains("Đăng xuất");

    let out = app
        .post_as("/logout", Some(&session), &[("csrf", &session.csrf)])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let after = app.get_as("/", &session).await;
    after.assert_contains("Đăng nhập");
    assert!(
        !after.body.contains("Đăng xuất"),
        "the old cookie still signs in"
    );
    let actions: Vec<String> = app.audit_actions().into_iter().map(|a| a.0).collect();
    assert!(
        actions.contains(&"login_succeeded".to_string()) && actions.contains(&"logout".to_string())
    );
}

#[actix_web::test]
async fn a_wrong_password_is_refused_keeps_the_name_and_is_audited_without_it() {
    let app = TestApp::with_demo();
    app.add_user("thuky", "clerk", &[]);
    let response = app.try_login("thuky", "sai-mat-khau-roi", CLIENT).await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    response.assert_contains("Tên đăng nhập hoặc mật khẩu không đúng.");
    response.assert_contains("value=\"thuky\"");
    assert!(
        !response
            .set_cookies
            .iter()
            .any(|c| c.starts_with("thidua_session="))
    );
    let log = app.audit_actions();
    assert_eq!(log.last().unwrap().0, "login_failed");
    assert_eq!(log.last().unwrap().1.as_deref(), Some("thuky"));
    let dump = format!("{log:?}");
    assert!(
        !dump.contains("sai-mat-khau-roi"),
        "a password reached the audit log"
    );
}

#[actix_web::test]
async fn a_login_post_without_its_form_token_is_refused() {
    let app = TestApp::with_demo();
    let password = app.add_user("thuky", "clerk", &[]);
    let response = app
        .post_as(
            "/login",
            None,
            &[
                ("name", "thuky"),
                ("password", &password),
                ("csrf", "forged"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert!(
        !response
            .set_cookies
            .iter()
            .any(|c| c.starts_with("thidua_session="))
    );
}

#[actix_web::test]
async fn a_guessing_address_is_refused_without_locking_the_clerk_out() {
    use diesel::prelude::*;
    use thidua::schema::login_attempts;
    let app = TestApp::with_demo();
    let password = app.add_user("thuky", "clerk", &[]);
    {
        let mut conn = app.pool().get().unwrap();
        for _ in 0..10 {
            diesel::insert_into(login_attempts::table)
                .values((
                    login_attempts::at.eq(Utc::now().naive_utc()),
                    login_attempts::user_name.eq("thuky"),
                    login_attempts::address.eq("203.0.113.5"),
                    login_attempts::outcome.eq("failed"),
                ))
                .execute(&mut conn)
                .unwrap();
        }
    }
    let from_guesser = app.try_login("thuky", &password, "203.0.113.5:4000").await;
    assert_eq!(from_guesser.status, StatusCode::TOO_MANY_REQUESTS);
    from_guesser.assert_contains("quá nhiều lần đăng nhập sai");
    // The clerk, from their own address, still gets in (slowed, not locked).
    let from_clerk = app.try_login("thuky", &password, "198.51.100.7:4000").await;
    assert_eq!(from_clerk.status, StatusCode::SEE_OTHER);
}

#[actix_web::test]
async fn sessions_end_on_password_change_disabling_and_timeouts() {
    use thidua::auth::{password, session, users};
    let app = TestApp::with_demo();
    let pass = app.add_user("thuky", "clerk", &[]);
    let first = app.login("thuky", &pass).await;
    let mut conn = app.pool().get().unwrap();
    let user = users::find_by_name(&mut conn, "thuky").unwrap().unwrap();
    users::set_password(
        &mut conn,
        user.id,
        &password::hash("mật khẩu mới thật dài").unwrap(),
    )
    .unwrap();
    assert!(
        !app.get_as("/", &first).await.body.contains("Đăng xuất"),
        "password change ends sessions"
    );

    let second = app.login("thuky", "mật khẩu mới thật dài").await;
    users::set_disabled(&mut conn, user.id, true).unwrap();
    assert!(
        !app.get_as("/", &second).await.body.contains("Đăng xuất"),
        "disabling ends sessions"
    );
    let refused = app
        .try_login("thuky", "mật khẩu mới thật dài", CLIENT)
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    users::set_disabled(&mut conn, user.id, false).unwrap();

    let created = session::create(&mut conn, user.id).unwrap();
    let now = Utc::now().naive_utc();
    assert!(
        session::resolve_at(&mut conn, &created.token, now + Duration::minutes(29))
            .unwrap()
            .is_some()
    );
    assert!(
        session::resolve_at(
            &mut conn,
            &created.token,
            now + Duration::minutes(29) + Duration::minutes(31)
        )
        .unwrap()
        .is_none(),
        "30 minutes idle ends a session"
    );
    let created = session::create(&mut conn, user.id).unwrap();
    let mut t = now;
    for _ in 0..26 {
        t += Duration::minutes(29);
        if session::resolve_at(&mut conn, &created.token, t)
            .unwrap()
            .is_none()
        {
            break;
        }
    }
    assert!(
        t - now <= Duration::hours(12) + Duration::minutes(29),
        "12 hours end a session however active"
    );
    assert!(
        session::resolve_at(&mut conn, &created.token, t)
            .unwrap()
            .is_none()
    );
}

#[test]
fn secure_cookies_use_the_host_prefix_and_the_secure_flag() {
    let policy = thidua::auth::CookiePolicy { secure: true };
    let cookie = policy
        .cookie(policy.session_name(), "x".to_string())
        .to_string();
    assert!(cookie.starts_with("__Host-thidua_session=x"), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax")
    );
    let plain = thidua::auth::CookiePolicy { secure: false };
    assert!(
        !plain
            .cookie(plain.session_name(), "x".into())
            .to_string()
            .contains("Secure")
    );
}

/// `thidua user --database FILE ARGS…`, the password (if any) on standard
/// input as an operator types it.
fn user_cli(db: &std::path::Path, args: &[&str], password: Option<&str>) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["user", "--database"])
        .arg(db)
        .args(args)
        .env_remove("THIDUA_PASSWORD")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(password) = password {
        writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

#[actix_web::test]
async fn the_user_command_adds_changes_disables_and_lists_accounts_and_ends_their_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("thidua.db");
    let app = TestApp::on_file(tempfile::tempdir().unwrap(), &db, true, 2);
    let cluster = app.cluster_id(BAC_KAN);
    let edit = format!("/clusters/{cluster}/years/2022/edit");

    // The password is never a flag.
    let flag = user_cli(
        &db,
        &["add", "thuky", "--role", "clerk", "--password", "x"],
        None,
    );
    assert!(!flag.status.success());
    let added = user_cli(
        &db,
        &[
            "add",
            "thuky",
            "--role",
            "clerk",
            "--cluster",
            &cluster.to_string(),
        ],
        Some("mat-khau-thu-ky-1"),
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let session = app.login("thuky", "mat-khau-thu-ky-1").await;
    assert_eq!(app.get_as(&edit, &session).await.status, StatusCode::OK);

    // A new password ends the sessions the old one opened.
    let changed = user_cli(&db, &["passwd", "thuky"], Some("mat-khau-thu-ky-2"));
    assert!(
        changed.status.success(),
        "{}",
        String::from_utf8_lossy(&changed.stderr)
    );
    let after = app.get_as(&edit, &session).await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert!(
        after
            .location
            .as_deref()
            .is_some_and(|l| l.starts_with("/login"))
    );
    let old = app.try_login("thuky", "mat-khau-thu-ky-1", CLIENT).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let session = app.login("thuky", "mat-khau-thu-ky-2").await;

    // Disabling ends the session and refuses sign-in; enabling lets it in.
    assert!(user_cli(&db, &["disable", "thuky"], None).status.success());
    assert_eq!(
        app.get_as(&edit, &session).await.status,
        StatusCode::SEE_OTHER
    );
    let refused = app.try_login("thuky", "mat-khau-thu-ky-2", CLIENT).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let listed = String::from_utf8(user_cli(&db, &["list"], None).stdout).unwrap();
    let line = listed
        .lines()
        .find(|l| l.contains("thuky"))
        .unwrap_or_default();
    assert!(line.contains("clerk") && line.contains(BAC_KAN), "{listed}");
    assert!(
        line.to_lowercase().contains("khóa"),
        "a disabled account says so: {listed}"
    );
    assert!(user_cli(&db, &["enable", "thuky"], None).status.success());
    let session = app.login("thuky", "mat-khau-thu-ky-2").await;
    assert_eq!(app.get_as(&edit, &session).await.status, StatusCode::OK);

    // Adding an account that exists changes nothing and says why.
    let twice = user_cli(
        &db,
        &["add", "thuky", "--role", "admin"],
        Some("khac-hoan-toan-1"),
    );
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("đã có"));
    assert_eq!(app.get_as(&edit, &session).await.status, StatusCode::OK);
}

#[actix_web::test]
async fn the_sessions_table_keeps_digests_and_a_login_replaces_a_planted_token() {
    use diesel::prelude::*;
    use thidua::schema::sessions;
    // The digest is SHA-256 in hex: the FIPS 180-2 vector for "abc".
    assert_eq!(
        thidua::auth::tokens::digest("abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    let app = TestApp::with_demo();
    let password = app.add_user("thuky", "clerk", &[app.cluster_id(BAC_KAN)]);
    // A cookie planted before sign-in is not the session after it.
    let planted = "a".repeat(64);
    let form = app
        .send(actix_web::test::TestRequest::get().uri("/login"))
        .await;
    let login_cookie = form
        .set_cookies
        .iter()
        .find(|c| c.starts_with("thidua_login="))
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_string();
    let response = app
        .send(
            actix_web::test::TestRequest::post()
                .uri("/login")
                .insert_header((
                    "cookie",
                    format!("{login_cookie}; thidua_session={planted}"),
                ))
                .set_form([
                    ("name", "thuky"),
                    ("password", password.as_str()),
                    ("csrf", hidden_value(&form.body, "csrf").as_str()),
                    ("next", "/"),
                ]),
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    let token = response
        .set_cookies
        .iter()
        .find(|c| c.starts_with("thidua_session="))
        .and_then(|c| c.split(';').next())
        .and_then(|c| c.strip_prefix("thidua_session="))
        .unwrap()
        .to_string();
    assert_eq!(token.len(), 64);
    assert_ne!(token, planted);
    let stored: Vec<(String, String)> = {
        let mut conn = app.pool().get().unwrap();
        sessions::table
            .select((sessions::token_hash, sessions::csrf_token))
            .load(&mut conn)
            .unwrap()
    };
    let hashes: Vec<&str> = stored.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        hashes,
        [thidua::auth::tokens::digest(&token).as_str()],
        "the table holds the digest"
    );
    assert!(
        stored.iter().all(|(h, c)| h != &token && c != &token),
        "nor the token itself"
    );
    assert!(!hashes.contains(&thidua::auth::tokens::digest(&planted).as_str()));
}
