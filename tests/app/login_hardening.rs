//! The login under attack: parallel guessing, many clerks behind one
//! address, forwarded addresses, over-long input, planted form tokens and
//! redirects to other sites.

use actix_web::http::StatusCode;
use actix_web::test;
use diesel::prelude::*;
use futures_util::future::join_all;
use thidua::schema::audit_log;
use thidua::web::app::build_app;

use crate::helpers::*;

/// A login form as a browser gets it: its token cookie and form token.
struct Challenge {
    cookie: String,
    csrf: String,
}

async fn challenge(app: &TestApp) -> Challenge {
    let form = app.send(test::TestRequest::get().uri("/login")).await;
    assert_eq!(form.status, StatusCode::OK);
    let cookie = form
        .set_cookies
        .iter()
        .find(|c| c.starts_with("thidua_login="))
        .expect("login form sets its token cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    Challenge {
        csrf: hidden_value(&form.body, "csrf"),
        cookie,
    }
}

fn login_post(c: &Challenge, name: &str, password: &str, next: &str) -> test::TestRequest {
    test::TestRequest::post()
        .uri("/login")
        .insert_header(("cookie", c.cookie.clone()))
        .set_form([
            ("name", name),
            ("password", password),
            ("csrf", c.csrf.as_str()),
            ("next", next),
        ])
}

/// `n` logins sent at once, all in flight together, from `from`.
async fn burst(app: &TestApp, name: &str, password: &str, from: &str, n: usize) -> Vec<StatusCode> {
    let mut challenges = Vec::new();
    for _ in 0..n {
        challenges.push(challenge(app).await);
    }
    let service = test::init_service(build_app(app.config.clone())).await;
    let calls = challenges.iter().map(|c| {
        let request = login_post(c, name, password, "/")
            .peer_addr(from.parse().unwrap())
            .to_request();
        test::call_service(&service, request)
    });
    join_all(calls)
        .await
        .into_iter()
        .map(|r| r.status())
        .collect()
}

fn count(statuses: &[StatusCode], status: StatusCode) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

/// The audit log's lines of one action: name, address, note.
fn audited(app: &TestApp, action: &str) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    let mut conn = app.pool().get().unwrap();
    audit_log::table
        .filter(audit_log::action.eq(action))
        .order(audit_log::id)
        .select((audit_log::user_name, audit_log::address, audit_log::note))
        .load(&mut conn)
        .unwrap()
}

#[actix_web::test]
async fn a_burst_of_parallel_guesses_verifies_only_the_allowed_number_and_audits_the_rest() {
    let app = TestApp::with_demo();
    app.add_user("thuky", "clerk", &[]);
    let statuses = burst(&app, "thuky", "sai-mat-khau-roi", CLIENT, 60).await;
    assert!(
        statuses.iter().all(|s| [
            StatusCode::UNAUTHORIZED,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::SERVICE_UNAVAILABLE
        ]
        .contains(s)),
        "{statuses:?}"
    );
    // Only the attempts that were verified are login failures.
    let verified = audited(&app, "login_failed").len();
    assert_eq!(verified, count(&statuses, StatusCode::UNAUTHORIZED));
    assert!(
        verified <= 10,
        "{verified} passwords verified in one burst; at most 10 may be"
    );
    let refused = count(&statuses, StatusCode::TOO_MANY_REQUESTS);
    assert!(refused >= 50, "{statuses:?}");
    // Every refusal is in the audit log, with its reason.
    let log = audited(&app, "login_refused");
    let too_many = log
        .iter()
        .filter(|(name, address, note)| {
            name.as_deref() == Some("thuky")
                && address.as_deref() == Some("192.0.2.10")
                && note
                    .as_deref()
                    .is_some_and(|n| n.contains("quá nhiều lần sai"))
        })
        .count();
    assert_eq!(too_many, refused, "{log:?}");
}

#[actix_web::test]
async fn a_guessed_account_does_not_lock_out_other_clerks_behind_the_same_address() {
    let app = TestApp::with_demo();
    let thuky = app.add_user("thuky", "clerk", &[]);
    let ketoan = app.add_user("ketoan", "clerk", &[]);
    let office = "203.0.113.5:4000";
    let statuses = burst(&app, "thuky", "sai-mat-khau-roi", office, 30).await;
    assert!(
        count(&statuses, StatusCode::TOO_MANY_REQUESTS) > 0,
        "{statuses:?}"
    );
    // The guessed account is refused from there, even with its password…
    let locked = app.try_login("thuky", &thuky, office).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    locked.assert_contains("quá nhiều lần đăng nhập sai");
    // …but another clerk in the same office signs in…
    let other = app.try_login("ketoan", &ketoan, office).await;
    assert_eq!(
        other.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&other.body)
    );
    // …and so does the owner from elsewhere.
    let owner = app.try_login("thuky", &thuky, "198.51.100.7:4000").await;
    assert_eq!(owner.status, StatusCode::SEE_OTHER);
}

async fn failed_login_address(app: &TestApp, peer: &str, forwarded: &str) -> Option<String> {
    let c = challenge(app).await;
    let response = app
        .send_raw(
            login_post(&c, "khongco", "sai-mat-khau-roi", "/")
                .peer_addr(peer.parse().unwrap())
                .insert_header(("x-forwarded-for", forwarded)),
        )
        .await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    audited(app, "login_failed").pop().and_then(|l| l.1)
}

#[actix_web::test]
async fn forwarded_for_counts_only_from_a_trusted_proxy() {
    let mut app = TestApp::with_demo();
    app.config.trusted_proxies = thidua::auth::TrustedProxies::parse("10.0.0.0/8").unwrap();
    assert_eq!(
        failed_login_address(&app, "203.0.113.9:5000", "198.51.100.7").await,
        Some("203.0.113.9".into()),
        "a client cannot name its own address"
    );
    assert_eq!(
        failed_login_address(&app, "10.0.0.2:5000", "1.1.1.1, 198.51.100.8").await,
        Some("198.51.100.8".into()),
        "behind the proxy, the address it saw"
    );
}

#[actix_web::test]
async fn a_200_kb_name_is_refused_before_hashing_and_stored_bounded() {
    let app = TestApp::with_demo();
    let name = "a".repeat(200_000);
    let c = challenge(&app).await;
    let response = app
        .send(login_post(&c, &name, "sai-mat-khau-roi", "/"))
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    response.assert_contains("Tên đăng nhập dài quá 100 ký tự.");
    assert!(response.body.len() < 20_000, "the name came back whole");
    assert!(audited(&app, "login_failed").is_empty(), "it was verified");
    let log = audited(&app, "login_refused");
    let stored = log.last().and_then(|l| l.0.clone()).unwrap_or_default();
    assert!(
        stored.starts_with("aaaa") && stored.chars().count() <= 100,
        "{} characters stored",
        stored.chars().count()
    );
}

#[actix_web::test]
async fn a_planted_login_cookie_or_a_used_form_token_does_not_sign_in() {
    let app = TestApp::with_demo();
    let password = app.add_user("thuky", "clerk", &[]);
    let planted = Challenge {
        cookie: format!("thidua_login={}", "ab".repeat(32)),
        csrf: "ab".repeat(32),
    };
    let response = app
        .send(login_post(&planted, "thuky", &password, "/"))
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    response.assert_contains("value=\"thuky\"");
    assert!(
        !response
            .set_cookies
            .iter()
            .any(|c| c.starts_with("thidua_session="))
    );

    // A token the server issued works once.
    let c = challenge(&app).await;
    let first = app.send(login_post(&c, "thuky", &password, "/")).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let again = app.send(login_post(&c, "thuky", &password, "/")).await;
    assert_eq!(again.status, StatusCode::FORBIDDEN);
    assert!(
        audited(&app, "login_refused")
            .iter()
            .any(|l| l.2.as_deref().is_some_and(|n| n.contains("mã biểu mẫu")))
    );
}

#[actix_web::test]
async fn next_leads_only_to_a_path_on_this_site() {
    let app = TestApp::with_demo();
    let password = app.add_user("thuky", "clerk", &[]);
    // The query string is percent-decoded before it is checked.
    for query in [
        "/%09/evil.example/phish",
        "/%0A/evil.example",
        "/%0D%0ASet-Cookie:%20x=1",
        "/a%00b",
        "/%5Cevil.example",
        "//evil.example",
    ] {
        let form = app.get(&format!("/login?next={query}")).await;
        assert_eq!(form.status, StatusCode::OK, "{query}");
        assert_eq!(hidden_value(&form.body, "next"), "/", "{query}");
    }
    for next in [
        "/\t/evil.example/phish",
        "/\r\n/evil.example",
        "/\0",
        "/ /evil.example",
    ] {
        let c = challenge(&app).await;
        let response = app.send(login_post(&c, "thuky", &password, next)).await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{next:?}");
        assert_eq!(response.location.as_deref(), Some("/"), "{next:?}");
    }
    // Signed in already, the login page redirects at once: still home.
    let session = app.login("thuky", &password).await;
    let signed_in = app
        .get_as("/login?next=/%0D%0A/evil.example", &session)
        .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.location.as_deref(), Some("/"));
    // A path of this site is followed, with non-ASCII kept as an URL.
    let c = challenge(&app).await;
    let response = app
        .send(login_post(&c, "thuky", &password, "/search?q=Hà+Tĩnh"))
        .await;
    assert_eq!(
        response.location.as_deref(),
        Some("/search?q=H%C3%A0+T%C4%A9nh")
    );
}

#[actix_web::test]
async fn an_account_guessed_from_everywhere_still_opens_from_an_address_it_used_before() {
    use chrono::{Duration, Utc};
    use thidua::schema::login_attempts;
    let app = TestApp::with_demo();
    let password = app.add_user("thuky", "clerk", &[]);
    {
        let now = Utc::now().naive_utc();
        let mut conn = app.pool().get().unwrap();
        let mut rows: Vec<_> = (0..50)
            .map(|i| {
                (
                    login_attempts::at.eq(now),
                    login_attempts::user_name.eq("thuky"),
                    login_attempts::address.eq(format!("203.0.113.{i}")),
                    login_attempts::outcome.eq("failed"),
                )
            })
            .collect();
        rows.push((
            login_attempts::at.eq(now - Duration::days(3)),
            login_attempts::user_name.eq("thuky"),
            login_attempts::address.eq("192.0.2.10".to_string()),
            login_attempts::outcome.eq("succeeded"),
        ));
        thidua::on_engine!(&mut *conn, |c| diesel::insert_into(login_attempts::table)
            .values(rows)
            .execute(c))
        .unwrap();
    }
    let new_place = app.try_login("thuky", &password, "198.51.100.7:4000").await;
    assert_eq!(new_place.status, StatusCode::TOO_MANY_REQUESTS);
    new_place.assert_contains("vào tài khoản này");
    let usual_place = app.try_login("thuky", &password, CLIENT).await;
    assert_eq!(usual_place.status, StatusCode::SEE_OTHER);
}

#[actix_web::test]
async fn the_delay_grows_to_its_cap_and_failures_leave_the_window_after_15_minutes() {
    use chrono::NaiveDate;
    use std::time::Duration as Wait;
    use thidua::auth::attempts::{self, Refusal};
    let app = TestApp::with_demo();
    let mut conn = app.pool().get().unwrap();
    let t0 = NaiveDate::from_ymd_opt(2026, 3, 1)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    let address = "203.0.113.9";
    // Failures one second apart, the clock given to each attempt.
    let mut delays = Vec::new();
    for i in 0..10 {
        let at = t0 + chrono::Duration::seconds(i);
        let reservation = attempts::reserve(&mut conn, "thuky", address, at)
            .unwrap()
            .unwrap();
        delays.push(reservation.delay());
        attempts::failed(&mut conn, reservation.id).unwrap();
    }
    let ms = |n| Wait::from_millis(n);
    assert_eq!(
        delays,
        [
            Wait::ZERO,
            Wait::ZERO,
            Wait::ZERO,
            ms(250),
            ms(500),
            ms(1000),
            ms(2000),
            ms(4000),
            ms(5000),
            ms(5000)
        ],
        "from the third failure on, each wait doubles, at most 5 s"
    );
    // Ten failures from one address refuse that pair, within the window.
    let soon = t0 + chrono::Duration::minutes(14);
    assert_eq!(
        attempts::reserve(&mut conn, "thuky", address, soon)
            .unwrap()
            .unwrap_err(),
        Refusal::AccountAndAddress
    );
    // Another address is still let in, slowed as the account's failures say.
    let other = attempts::reserve(&mut conn, "thuky", "198.51.100.7", soon)
        .unwrap()
        .unwrap();
    assert_eq!(other.delay(), ms(5000));
    attempts::release(&mut conn, other.id).unwrap();
    // Fifteen minutes after the last failure, none of them counts.
    let later = t0 + chrono::Duration::seconds(9) + attempts::WINDOW + chrono::Duration::seconds(1);
    let fresh = attempts::reserve(&mut conn, "thuky", address, later)
        .unwrap()
        .unwrap();
    assert_eq!(fresh.delay(), Wait::ZERO);
    assert_eq!(fresh.failures_before, 0);
}

#[actix_web::test]
async fn an_address_spraying_many_accounts_is_refused_but_other_addresses_are_not() {
    use chrono::Utc;
    use thidua::auth::attempts::ADDRESS_LIMIT;
    use thidua::schema::login_attempts;
    let app = TestApp::with_demo();
    let password = app.add_user("thuky", "clerk", &[]);
    let sprayer = "203.0.113.77";
    // One failure for each of many made-up names, one short of the limit:
    // no account and no account-address pair is near its own limit.
    let insert = |names: std::ops::Range<i64>| {
        let now = Utc::now().naive_utc();
        let rows: Vec<_> = names
            .map(|i| {
                (
                    login_attempts::at.eq(now),
                    login_attempts::user_name.eq(format!("nguoi{i}")),
                    login_attempts::address.eq(sprayer.to_string()),
                    login_attempts::outcome.eq("failed"),
                )
            })
            .collect();
        let mut conn = app.pool().get().unwrap();
        thidua::on_engine!(&mut *conn, |c| diesel::insert_into(login_attempts::table)
            .values(rows)
            .execute(c))
        .unwrap();
    };
    insert(0..ADDRESS_LIMIT - 1);
    let under = app
        .try_login("thuky", &password, &format!("{sprayer}:4000"))
        .await;
    assert_eq!(
        under.status,
        StatusCode::SEE_OTHER,
        "one short of the limit"
    );

    insert(ADDRESS_LIMIT..ADDRESS_LIMIT + 1);
    let over = app
        .try_login("thuky", &password, &format!("{sprayer}:4000"))
        .await;
    assert_eq!(over.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        audited(&app, "login_refused")
            .iter()
            .any(|(name, address, _)| name.as_deref() == Some("thuky")
                && address.as_deref() == Some(sprayer)),
        "the refusal is audited"
    );
    // The clerk from the office next door still gets in.
    let elsewhere = app.try_login("thuky", &password, CLIENT).await;
    assert_eq!(elsewhere.status, StatusCode::SEE_OTHER);
}

#[actix_web::test]
async fn the_login_form_waits_each_attempts_delay_before_verifying() {
    use std::time::Duration as Wait;
    let app = TestApp::with_demo();
    let password = app.add_user("thuky", "clerk", &[]);
    let office = "203.0.113.6:4000";
    for _ in 0..6 {
        let wrong = app.try_login("thuky", "sai-mat-khau-roi", office).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    }
    // The right password after six failures still waits its turn.
    let right = app.try_login("thuky", &password, office).await;
    assert_eq!(right.status, StatusCode::SEE_OTHER);
    let ms = Wait::from_millis;
    assert_eq!(
        app.config.login_pause.recorded(),
        [
            Wait::ZERO,
            Wait::ZERO,
            Wait::ZERO,
            ms(250),
            ms(500),
            ms(1000),
            ms(2000)
        ],
        "the handler waits what the attempt's reservation says"
    );
}
